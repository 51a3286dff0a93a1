using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Host.Workers;

/// <summary>
/// A worker that claims a batch of due rows, and when there were none sleeps until woken by a commit or until
/// <see cref="IdleAsync"/> says to look again. A failed pass is logged and retried after the poll interval.
/// </summary>
public abstract class PollingWorker(WorkSignal signal, TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>Claims and handles one batch; returns how many rows were claimed.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct);

    /// <summary>How long to sleep when a pass found nothing.</summary>
    protected virtual Task<TimeSpan> IdleAsync(CancellationToken ct) => Task.FromResult(PollInterval);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken).ConfigureAwait(false) == 0)
                {
                    await signal.WaitAsync(await IdleAsync(stoppingToken).ConfigureAwait(false), Time, stoppingToken).ConfigureAwait(false);
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
