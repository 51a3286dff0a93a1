using ChatOpsJit.Core.Audit;

namespace ChatOpsJit.Core.Ports;

/// <summary>Reads the append-only audit chain (writes happen only inside transitions).</summary>
public interface IAuditLog
{
    /// <summary>All records in sequence order; pass <paramref name="requestId"/> to see one request's events.</summary>
    IAsyncEnumerable<AuditRecord> ReadAsync(string? requestId = null, CancellationToken cancellationToken = default);

    /// <summary>The newest record (the chain's head), or null when the log is empty.</summary>
    Task<AuditRecord?> ReadHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>The record with sequence number <paramref name="sequence"/>, or null.</summary>
    Task<AuditRecord?> FindAsync(long sequence, CancellationToken cancellationToken = default);
}
