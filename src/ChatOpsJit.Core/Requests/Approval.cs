namespace ChatOpsJit.Core.Requests;

/// <summary>One approver's approval at one level.</summary>
public sealed record Approval(int Level, string ApproverEmail, DateTimeOffset At);
