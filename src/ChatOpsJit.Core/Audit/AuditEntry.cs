namespace ChatOpsJit.Core.Audit;

/// <summary>An audit event as the workflow writes it; the store seals it and chains it to the previous one.</summary>
/// <param name="Kind">Dotted event name, e.g. <c>request.approved</c>.</param>
/// <param name="Data">Event details as a JSON object; never credentials.</param>
public sealed record AuditEntry(string RequestId, string Kind, string Actor, DateTimeOffset At, string Data)
{
    /// <summary>The request as the transition left it; null only for records about the chain itself (key rotation).</summary>
    public AuditedRequest? Request { get; init; }
}

/// <summary>An audit event as stored: its place in the chain, the key that sealed it and the MACs that link it.</summary>
/// <param name="Request">The <see cref="AuditedRequest"/> snapshot as stored JSON (what the MAC covers); null on legacy records.</param>
/// <param name="KeyId">The id of the sealing key, or <see cref="AuditChain.LegacyKeyId"/> for records from before keyed MACs.</param>
/// <param name="PreviousMac">The MAC of the record before (<see cref="AuditChain.Genesis"/> for the first).</param>
/// <param name="Mac">HMAC-SHA256 over the record and <paramref name="PreviousMac"/>; on legacy records a plain SHA-256.</param>
public sealed record AuditRecord(
    long Sequence, string RequestId, string Kind, string Actor, DateTimeOffset At, string Data, string? Request, string KeyId,
    string PreviousMac, string Mac)
{
    public bool IsLegacy => KeyId == AuditChain.LegacyKeyId;
}
