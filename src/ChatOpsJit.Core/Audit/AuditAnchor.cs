namespace ChatOpsJit.Core.Audit;

/// <summary>
/// The chain's head written down outside the database: record <see cref="Sequence"/> had MAC <see cref="Mac"/> at
/// <see cref="At"/>. A log that later ends before an anchor was truncated; one whose record differs from its anchor was
/// rewritten. <see cref="Seal"/> is an HMAC over the other fields with the key named by <see cref="KeyId"/> (the key the
/// host sealed with when it wrote the anchor, which is not always the anchored record's own key).
/// </summary>
public sealed record AuditAnchor(long Sequence, string Mac, string KeyId, DateTimeOffset At, string Seal)
{
    private const string Domain = "chatopsjit-audit-anchor-v1";

    /// <summary>An anchor of <paramref name="head"/>, sealed with <paramref name="key"/>.</summary>
    public static AuditAnchor Of(AuditRecord head, AuditKey key, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(key);
        var anchor = new AuditAnchor(head.Sequence, head.Mac, key.Id, at, "");
        return anchor with { Seal = anchor.SealWith(key) };
    }

    public bool SealHolds(AuditKey key) => AuditChain.SameText(SealWith(key), Seal);

    private string SealWith(AuditKey key) =>
        key.Mac(AuditChain.Fields(Domain, AuditChain.Number(Sequence), Mac, KeyId, AuditChain.Time(At)));
}

/// <summary>One anchor as read back: where it was found (<c>line 3</c>), and the anchor, or why it could not be read.</summary>
public sealed record StoredAnchor(string Location, AuditAnchor? Anchor, string? Unreadable = null);
