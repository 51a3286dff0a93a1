namespace ChatOpsJit.Storage.Tests;

/// <summary>Concurrent calls that really overlap: each on a thread-pool thread, all released at the same moment.</summary>
internal static class Race
{
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> call)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await call(i);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }
}
