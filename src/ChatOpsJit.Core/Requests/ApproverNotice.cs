namespace ChatOpsJit.Core.Requests;

/// <summary>An approver who was told (by DM and email) that a level of a round started waiting for them.</summary>
public sealed record ApproverNotice(int Round, int Level, string Email, string Name);
