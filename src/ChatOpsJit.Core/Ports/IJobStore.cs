using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Core.Ports;

/// <summary>Due work, claimed atomically by whichever replica gets there first.</summary>
public interface IJobStore
{
    /// <summary>Claims up to <paramref name="max"/> jobs due at <paramref name="now"/>, earliest first, leased as in the outbox.</summary>
    Task<IReadOnlyList<DueJob>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    Task CompleteAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Puts a failed job back for another attempt at <paramref name="retryAt"/>.</summary>
    Task RetryAsync(long id, DateTimeOffset retryAt, string error, CancellationToken cancellationToken = default);

    /// <summary>When the next job falls due, so a worker can sleep until then.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default);
}
