namespace ChatOpsJit.Core.Requests;

/// <summary>One level of a manual policy: who may approve (emails or group names) and how many must.</summary>
public sealed record ApprovalLevel(IReadOnlyList<string> Approvers, int Required);
