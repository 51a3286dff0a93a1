namespace ChatOpsJit.Replicas.Tests.Infrastructure;

/// <summary>
/// The one database the replicas share, read by the test behind their backs: what is undelivered, due, leased, audited.
/// Only reads (and a probe for a held write lock); the replicas alone change it.
/// </summary>
public abstract class FleetDatabase : IAsyncDisposable
{
    /// <summary>The Storage settings every replica is started with.</summary>
    public abstract IReadOnlyDictionary<string, string> HostSettings { get; }

    /// <summary>Notifications not delivered yet (due now or later), dead letters aside.</summary>
    public abstract Task<long> UndeliveredAsync();

    /// <summary>Jobs due now, claimed or not.</summary>
    public abstract Task<long> DueJobsAsync();

    /// <summary>Undelivered outbox rows whose lease has not run out: claimed by a replica that has not finished them.</summary>
    public abstract Task<IReadOnlyList<LeasedRow>> LeasedOutboxAsync();

    /// <summary>Jobs whose lease has not run out: claimed by a replica that has not finished them.</summary>
    public abstract Task<IReadOnlyList<LeasedRow>> LeasedJobsAsync();

    /// <summary>When each pending job of <paramref name="kind"/> falls due, by request id.</summary>
    public abstract Task<IReadOnlyDictionary<string, DateTimeOffset>> DueTimesAsync(string kind);

    /// <summary>How many audit records of <paramref name="kind"/> the request has.</summary>
    public abstract Task<long> AuditCountAsync(string requestId, string kind);

    /// <summary>Every request's state by id.</summary>
    public abstract Task<IReadOnlyDictionary<string, string>> StatesAsync();

    /// <summary>True when no process holds a write open (so freezing every replica now leaves none of them blocking the others).</summary>
    public abstract Task<bool> NoWriteInProgressAsync();

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// Waits until nothing is left to do: no notification undelivered and no job due. Counting after this proves "exactly
    /// once" by the end state; fails the test after the timeout, saying what is left.
    /// </summary>
    public async Task WaitUntilQuietAsync(TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var undelivered = await UndeliveredAsync();
            var due = await DueJobsAsync();
            if (undelivered == 0 && due == 0)
            {
                return;
            }

            if (waited.Elapsed > timeout)
            {
                Assert.Fail($"the replicas never went quiet: {undelivered} notification(s) undelivered and {due} job(s) due after {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(50);
        }
    }
}

/// <summary>A claimed outbox row or job: its id, request, kind and lease end.</summary>
public sealed record LeasedRow(long Id, string RequestId, string Kind, DateTimeOffset LeaseUntil);
