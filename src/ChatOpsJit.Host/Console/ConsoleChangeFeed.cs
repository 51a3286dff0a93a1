namespace ChatOpsJit.Host.Console;

/// <summary>Tells open console pages (server-sent events) that the transcript changed.</summary>
public sealed class ConsoleChangeFeed
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task NextChange => Volatile.Read(ref _changed).Task;

    public void Publish() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
