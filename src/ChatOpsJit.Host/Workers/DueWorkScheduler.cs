using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Telemetry;
using ChatOpsJit.Core.Workflow;
using ChatOpsJit.Host.Telemetry;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Host.Workers;

/// <summary>
/// Runs due work (grants, expiry, ending sessions, pending time-outs). Jobs are claimed atomically, so with several
/// replicas each runs once; after a restart everything that fell due meanwhile is claimed on the first pass.
/// </summary>
public sealed class DueWorkScheduler(
    IJobStore jobs,
    AccessJobRunner runner,
    WorkSignal signal,
    IOptions<WorkerOptions> options,
    ChatOpsJitMetrics metrics,
    TimeProvider time,
    ILogger<DueWorkScheduler> logger) : PollingWorker(signal, time, logger)
{
    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override TimeSpan DrainTimeout => options.Value.DrainTimeout;

    /// <summary>Claims and runs one batch of due jobs; returns how many were claimed.</summary>
    protected override async Task<int> RunOnceAsync(CancellationToken stopping, CancellationToken ct)
    {
        var settings = options.Value;
        var claimedAt = Time.GetUtcNow();
        var batch = await jobs.ClaimDueAsync(claimedAt, settings.BatchSize, settings.Lease, ct).ConfigureAwait(false);
        await HandleClaimedAsync(batch, job => job.RequestId, claimedAt, settings.Lease, settings.Concurrency, RunAsync, HandBackAsync, stopping, ct)
            .ConfigureAwait(false);
        return batch.Count;
    }

    // Due again at once, unleased, for the next pass (here, on another replica, or on this one after its restart).
    private async Task HandBackAsync(DueJob job, string why, CancellationToken ct)
    {
        await jobs.RetryAsync(job, Time.GetUtcNow(), $"handed back unstarted: {why}", ct).ConfigureAwait(false);
        logger.LogInformation("{Kind} job for request {RequestId} handed back unstarted: {Reason}", job.Kind, job.RequestId, why);
    }

    private async Task RunAsync(DueJob job, CancellationToken ct)
    {
        var settings = options.Value;
        using var span = JobSpan.Start(job);
        JobOutcome outcome;
        try
        {
            outcome = await runner.RunAsync(job, ct).ConfigureAwait(false);
            span.Ended(outcome.Done ? "done" : "retry");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "{Kind} job for request {RequestId} failed", job.Kind, job.RequestId);
            outcome = JobOutcome.Retry(Time.GetUtcNow() + Backoff.Next(job.Attempts, settings.FirstRetryDelay, settings.MaxRetryDelay, null, Random.Shared), e.Message);
            span.Ended("failed", e);
        }

        // A job whose own transition deleted its row has nothing left to complete.
        var recorded = outcome.RowDeleted || (outcome.Done
            ? await jobs.CompleteAsync(job, ct).ConfigureAwait(false)
            : await jobs.RetryAsync(job, outcome.RetryAt!.Value, outcome.Error ?? "retry", ct).ConfigureAwait(false));
        if (!recorded)
        {
            logger.LogWarning("{Kind} job for request {RequestId} outlived its lease; another worker had claimed it", job.Kind, job.RequestId);
        }

        metrics.JobRan(job.Kind, outcome.Done);
    }

    // Sleep until the next job falls due, but never longer than the poll interval (another replica may add work).
    protected override async Task<TimeSpan> IdleAsync(CancellationToken ct)
    {
        var poll = options.Value.PollInterval;
        var next = await jobs.NextDueAsync(ct).ConfigureAwait(false);
        if (next is null)
        {
            return poll;
        }

        var wait = next.Value - Time.GetUtcNow();
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait < poll ? wait : poll;
    }
}
