using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Storage;

/// <summary>How much notification work is still to go out; both providers' outboxes answer it (health, tests waiting for quiet).</summary>
public interface IOutboxBacklog
{
    /// <summary>Messages not delivered and not dead, whenever they fall due.</summary>
    Task<long> CountUndeliveredAsync(CancellationToken cancellationToken = default);
}

/// <summary>How much scheduled work is due; both providers' job stores answer it.</summary>
public interface IJobBacklog
{
    /// <summary>Jobs due at <paramref name="now"/>, claimed or not.</summary>
    Task<long> CountDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>An audit log that can also be read from a sequence number on (export), on either provider.</summary>
public interface IAuditLogTail : IAuditLog
{
    /// <summary>The records after sequence <paramref name="afterSequence"/>, and at or after <paramref name="since"/> when given.</summary>
    IAsyncEnumerable<AuditRecord> ReadAfterAsync(long afterSequence, DateTimeOffset? since = null, CancellationToken cancellationToken = default);
}
