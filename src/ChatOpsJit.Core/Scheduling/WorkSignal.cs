namespace ChatOpsJit.Core.Scheduling;

/// <summary>
/// Wakes the background workers as soon as a transition writes work for them, so they need not poll hard.
/// Waiting also ends after a timeout on the given <see cref="TimeProvider"/>, so due times are met in tests with fake time.
/// </summary>
/// <remarks>
/// A worker takes <see cref="NextPulse"/> before it looks for work and waits on that after finding none. A commit that
/// lands while it is looking (its claim may even share that commit's group) then ends the wait at once; were the pulse
/// read only when the wait began, that wake-up would be lost, and the work would sit until the poll interval, or for ever
/// under a fake clock.
/// </remarks>
public sealed class WorkSignal
{
    private TaskCompletionSource _pulse = NewSource();

    /// <summary>Completes at the first pulse after it was read.</summary>
    public Task NextPulse => Volatile.Read(ref _pulse).Task;

    public void Pulse() => Interlocked.Exchange(ref _pulse, NewSource()).TrySetResult();

    /// <summary>Waits until <paramref name="nextPulse"/> (taken before looking for work) completes, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(Task nextPulse, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nextPulse);
        if (nextPulse.IsCompleted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, cts.Token);
        await Task.WhenAny(nextPulse, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
