using ChatOpsJit.Core.Audit;

namespace ChatOpsJit.Core.Ports;

/// <summary>
/// Where the audit chain's head is written down outside the database, append-only: a file by default; S3 Object Lock
/// (compliance mode) fits the same two calls.
/// </summary>
public interface IAuditAnchor
{
    /// <summary>Where the anchors live, for messages (a path, a bucket and prefix).</summary>
    string Location { get; }

    /// <summary>Appends one anchor durably: when this returns, the anchor survives a crash.</summary>
    Task AppendAsync(AuditAnchor anchor, CancellationToken cancellationToken = default);

    /// <summary>Every anchor in the order written, unreadable ones included (with why); empty when none was written.</summary>
    Task<IReadOnlyList<StoredAnchor>> ReadAllAsync(CancellationToken cancellationToken = default);
}
