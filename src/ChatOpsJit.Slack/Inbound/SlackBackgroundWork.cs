using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>
/// Work that goes on after Slack was acked (a slow answer, a button press, an App Home refresh). It runs on the host's
/// lifetime, not the request's, and shutdown waits for it, so an acked request is still answered during a deploy.
/// </summary>
public sealed class SlackBackgroundWork(ILogger<SlackBackgroundWork> logger) : IHostedService
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Starts <paramref name="work"/>; a failure is logged under <paramref name="what"/>, never thrown at the caller.</summary>
    public void Run(string what, Func<CancellationToken, Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                logger.LogWarning("Slack work cut short by shutdown: {What}", what);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Slack work failed: {What}", what);
            }
        });
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Starts <paramref name="work"/> and hands back its result; shutdown waits for it like any other.</summary>
    public Task<T> Start<T>(string what, Func<CancellationToken, Task<T>> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Run(what, async ct =>
        {
            try
            {
                result.TrySetResult(await work(ct).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                result.TrySetException(e);
                throw;
            }
        });
        return result.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
    }
}
