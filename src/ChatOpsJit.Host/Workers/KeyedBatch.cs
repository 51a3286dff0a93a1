namespace ChatOpsJit.Host.Workers;

/// <summary>Handles a claimed batch concurrently, except that rows of the same key (one request) go one at a time, in claim order.</summary>
/// <remarks>
/// Running a batch one row at a time made every row wait for the previous row's commits and calls, so 10,000 grants ending
/// in one minute fell behind. A request's rows stay in claim order: its card update and its DM go out in the order its
/// transitions wrote them, two updates of one card cannot land out of order, and two of its jobs cannot race each other's
/// compare-and-swap.
/// </remarks>
public static class KeyedBatch
{
    public static Task RunAsync<T>(IReadOnlyList<T> batch, Func<T, string> key, int concurrency, Func<T, CancellationToken, Task> handle, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return Task.CompletedTask;
        }

        var groups = batch.GroupBy(key, StringComparer.Ordinal).ToList();
        return Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (group, token) =>
        {
            foreach (var item in group)
            {
                await handle(item, token).ConfigureAwait(false);
            }
        });
    }
}
