namespace ChatOpsJit.Storage;

/// <summary>One simulated grant and how many of its sessions are live.</summary>
public sealed record SandboxGrantRecord(string RequestId, string NodeId, string Requester, DateTimeOffset GrantedAt, DateTimeOffset? WithdrawnAt, int LiveSessions);
