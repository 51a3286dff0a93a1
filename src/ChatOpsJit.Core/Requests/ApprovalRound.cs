namespace ChatOpsJit.Core.Requests;

/// <summary>Which approval is deciding: round 0 is the request, round n its n-th extension; and the zero-based level within it.</summary>
public readonly record struct ApprovalRound(int Round, int Level);
