namespace ChatOpsJit.Core.Requests;

/// <summary>One approver's approval at one level of one round (0: the request itself; n: its n-th extension).</summary>
public sealed record Approval(int Level, string ApproverEmail, DateTimeOffset At, string? ApproverName = null, int Round = 0);
