namespace ChatOpsJit.Core.Audit;

/// <summary>An audit event as the workflow writes it; the store chains it to the previous one.</summary>
/// <param name="Kind">Dotted event name, e.g. <c>request.approved</c>.</param>
/// <param name="Data">Event details as a JSON object; never credentials.</param>
public sealed record AuditEntry(string RequestId, string Kind, string Actor, DateTimeOffset At, string Data);

/// <summary>An audit event as stored: its place in the chain and the hashes that link it.</summary>
public sealed record AuditRecord(long Sequence, string RequestId, string Kind, string Actor, DateTimeOffset At, string Data, string PreviousHash, string Hash);
