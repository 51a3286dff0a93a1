using ChatOpsJit.Core.Audit;

namespace ChatOpsJit.Core.Ports;

/// <summary>Reads the append-only audit chain (writes happen only inside transitions).</summary>
public interface IAuditLog
{
    /// <summary>All records in sequence order; pass <paramref name="requestId"/> to see one request's events.</summary>
    IAsyncEnumerable<AuditRecord> ReadAsync(string? requestId = null, CancellationToken cancellationToken = default);
}
