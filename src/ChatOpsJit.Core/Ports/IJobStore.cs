using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Core.Ports;

/// <summary>Due work, claimed atomically by whichever replica gets there first.</summary>
public interface IJobStore
{
    /// <summary>Claims up to <paramref name="max"/> jobs due at <paramref name="now"/>, earliest first, leased as in the outbox.</summary>
    Task<IReadOnlyList<DueJob>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a job this worker claimed; true too when it is already gone (the transition it made cancelled it). False, and
    /// nothing written, when the lease was lost to another claimer that still holds it.
    /// </summary>
    Task<bool> CompleteAsync(DueJob claimed, CancellationToken cancellationToken = default);

    /// <summary>Puts a claimed job back for another attempt at <paramref name="retryAt"/>; false when the lease was lost.</summary>
    Task<bool> RetryAsync(DueJob claimed, DateTimeOffset retryAt, string error, CancellationToken cancellationToken = default);

    /// <summary>When the next job falls due, so a worker can sleep until then.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default);
}
