namespace ChatOpsJit.Core.Scheduling;

/// <summary>
/// Wakes the background workers as soon as a transition writes work for them, so they need not poll hard.
/// Waiting also ends after a timeout on the given <see cref="TimeProvider"/>, so due times are met in tests with fake time.
/// </summary>
public sealed class WorkSignal
{
    private TaskCompletionSource _pulse = NewSource();

    public void Pulse() => Interlocked.Exchange(ref _pulse, NewSource()).TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var pulse = Volatile.Read(ref _pulse).Task;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, cts.Token);
        await Task.WhenAny(pulse, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
