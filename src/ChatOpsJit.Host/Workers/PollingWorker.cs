using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Host.Workers;

/// <summary>
/// A worker that claims a batch of due rows, and when there were none sleeps until woken by a commit or until
/// <see cref="IdleAsync"/> says to look again. A failed pass is logged and retried after the poll interval.
/// </summary>
/// <remarks>
/// When the host stops, the pass in flight is drained rather than cancelled: a post, email or grant that went out but was
/// never marked done would be done again by another replica once its lease ran out. Rows not yet started are handed back
/// at once, rows started are finished, and only <see cref="DrainTimeout"/> after the stop is the pass cancelled.
/// </remarks>
public abstract class PollingWorker(WorkSignal signal, TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>How long a pass in flight may go on after the host began to stop.</summary>
    protected abstract TimeSpan DrainTimeout { get; }

    /// <summary>Claims and handles one batch; returns how many were claimed. <paramref name="ct"/> both stops and cancels it.</summary>
    public Task<int> RunOnceAsync(CancellationToken ct) => RunOnceAsync(ct, ct);

    /// <summary>
    /// Claims and handles one batch; returns how many were claimed. Once <paramref name="stopping"/> fires, rows not yet
    /// started are handed back unhandled; <paramref name="ct"/> cancels the rows in flight.
    /// </summary>
    protected abstract Task<int> RunOnceAsync(CancellationToken stopping, CancellationToken ct);

    /// <summary>
    /// Handles a claimed batch as <see cref="KeyedBatch"/> does, by request. A row is started only while half its lease is
    /// left and the host is not stopping; otherwise it goes to <paramref name="handBack"/> with the reason.
    /// </summary>
    /// <remarks>
    /// A request's rows go one after another, so the last may come up late. Once its lease runs out another replica can
    /// claim the row and post, email or call AWS too; handed back, it is due again at once, for a fresh claim.
    /// </remarks>
    protected Task HandleClaimedAsync<T>(
        IReadOnlyList<T> batch, Func<T, string> requestId, DateTimeOffset claimedAt, TimeSpan lease, int concurrency,
        Func<T, CancellationToken, Task> handle, Func<T, string, CancellationToken, Task> handBack, CancellationToken stopping, CancellationToken ct)
    {
        var startBy = claimedAt + lease / 2;
        return KeyedBatch.RunAsync(batch, requestId, concurrency,
            (row, token) => stopping.IsCancellationRequested ? handBack(row, "the host is stopping", token)
                : Time.GetUtcNow() < startBy ? handle(row, token)
                : handBack(row, "its lease was running out before its turn", token),
            logger, ct);
    }

    /// <summary>How long to sleep when a pass found nothing.</summary>
    protected virtual Task<TimeSpan> IdleAsync(CancellationToken ct) => Task.FromResult(PollInterval);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wall-clock, as the host's own shutdown timeout is.
        using var drained = new CancellationTokenSource();
        await using var drain = stoppingToken.Register(() => drained.CancelAfter(DrainTimeout)).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Taken before the claim, so a commit that lands while this pass claims or decides how long to idle still wakes it.
                var woken = signal.NextPulse;
                if (await RunOnceAsync(stoppingToken, drained.Token).ConfigureAwait(false) == 0)
                {
                    await signal.WaitAsync(woken, await IdleAsync(stoppingToken).ConfigureAwait(false), Time, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "{Worker} failed; retrying shortly", GetType().Name);
                await Task.Delay(PollInterval, Time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
