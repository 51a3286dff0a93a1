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
    /// <remarks>
    /// A row whose handling throws is logged and left to its lease; the other rows carry on (a cancellation still ends the pass). Parallel.ForEachAsync would
    /// otherwise cancel every sibling the moment one fails, after their posts or grants had gone out but before they were
    /// marked done, so all of them would be sent again once their leases ran out.
    /// </remarks>
    public static Task RunAsync<T>(
        IReadOnlyList<T> batch, Func<T, string> key, int concurrency, Func<T, CancellationToken, Task> handle, ILogger logger, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return Task.CompletedTask;
        }

        var groups = batch.GroupBy(key, StringComparer.Ordinal).ToList();
        return Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (group, _) =>
        {
            foreach (var item in group)
            {
                try
                {
                    await handle(item, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Handling a claimed row of {Key} failed; it is claimed again after its lease", group.Key);
                }
            }
        });
    }
}
