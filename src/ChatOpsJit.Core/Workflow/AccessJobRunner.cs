using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Core.Workflow;

/// <summary>
/// Runs the workflow's due work: issue grants, close windows, end sessions, time out unanswered requests.
/// Each job first re-reads the request, so a job that is no longer relevant (the request moved on) does nothing.
/// </summary>
public sealed class AccessJobRunner(AccessWorkflow workflow, IAccessGrantor grantor, AccessOptions options, ILogger<AccessJobRunner> logger, Random? random = null)
{
    private const int MaxEndSessionAttempts = 50;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    private readonly Random _random = random ?? Random.Shared;

    private RequestCommitter Committer => workflow.Committer;

    private RequestNotifications Notifications => workflow.Notifications;

    public Task<JobOutcome> RunAsync(DueJob job, CancellationToken ct = default) => job.Kind switch
    {
        JobKind.Grant => GrantAsync(job, ct),
        JobKind.Expire => ExpireAsync(job, ct),
        JobKind.EndSessions => EndSessionsAsync(job, ct),
        JobKind.TimeOut => TimeOutAsync(job, ct),
        _ => Task.FromResult(JobOutcome.Finished),
    };

    private async Task<JobOutcome> GrantAsync(DueJob job, CancellationToken ct)
    {
        var request = await workflow.FindAsync(job.RequestId, ct).ConfigureAwait(false);
        if (request?.State != AccessRequestState.Approved)
        {
            return JobOutcome.Finished;
        }

        GrantResult grant;
        try
        {
            grant = await grantor.GrantAsync(request, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Grant for request {RequestId} failed (attempt {Attempt} of {Max})", job.RequestId, job.Attempts, options.MaxGrantAttempts);
            if (job.Attempts < options.MaxGrantAttempts)
            {
                return Retry(job, e);
            }

            await Committer.ChangeAsync(job.RequestId, (r, now) => Task.FromResult(r.State != AccessRequestState.Approved
                ? Change.Refuse("no longer approved")
                : new Change(r with { State = AccessRequestState.Failed, EndedAt = now, StateReason = $"The grant could not be issued after {job.Attempts} attempts: {e.Message}" },
                    new GrantFailed(job.Attempts, e.Message), "system",
                    n => workflow.RedrawApproval(n).Concat(Notifications.ToRequester(n, RequestCards.Failed(n))), [], [], "failed")), ct).ConfigureAwait(false);
            return JobOutcome.Finished;
        }

        var result = await Committer.ChangeAsync(job.RequestId, (r, now) => Task.FromResult(r.State != AccessRequestState.Approved
            ? Change.Refuse("no longer approved")
            : new Change(r with { State = AccessRequestState.Active, ActivatedAt = now, ExpiresAt = now + r.Duration, ConnectInstructions = grant.ConnectInstructions },
                new GrantIssued(now + r.Duration), "system",
                n => workflow.RedrawApproval(n).Concat(Notifications.ToRequester(n, workflow.Cards.Granted(n))),
                [new DueJob(r.Id, JobKind.Expire, now + r.Duration)], [], "granted")), ct).ConfigureAwait(false);
        if (!result.Ok)
        {
            // Revoked or failed while the grant was being issued: take back what was just granted.
            logger.LogInformation("Request {RequestId} left Approved while granting; withdrawing the grant", job.RequestId);
            await grantor.RevokeAsync(request, ct).ConfigureAwait(false);
        }

        return JobOutcome.Finished;
    }

    private async Task<JobOutcome> ExpireAsync(DueJob job, CancellationToken ct)
    {
        await Committer.ChangeAsync(job.RequestId, (r, now) => Task.FromResult(r.State != AccessRequestState.Active || r.ExpiresAt > now
            ? Change.Refuse("not due")
            : new Change(r with { State = AccessRequestState.Expired, EndedAt = now, StateReason = "the access window closed" },
                new RequestExpired(r.ExpiresAt), "system", workflow.RedrawApproval,
                [new DueJob(r.Id, JobKind.EndSessions, now)], [], "expired")), ct).ConfigureAwait(false);
        return JobOutcome.Finished;
    }

    private async Task<JobOutcome> EndSessionsAsync(DueJob job, CancellationToken ct)
    {
        var request = await workflow.FindAsync(job.RequestId, ct).ConfigureAwait(false);
        if (request is null || request.GrantWithdrawn || request.State is not (AccessRequestState.Expired or AccessRequestState.Revoked))
        {
            return JobOutcome.Finished;
        }

        RevokeResult ended;
        try
        {
            ended = await grantor.RevokeAsync(request, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && job.Attempts < MaxEndSessionAttempts)
        {
            logger.LogWarning(e, "Ending sessions of request {RequestId} failed (attempt {Attempt})", job.RequestId, job.Attempts);
            return Retry(job, e);
        }

        await Committer.ChangeAsync(job.RequestId, (r, _) => Task.FromResult(r.GrantWithdrawn
            ? Change.Refuse("already withdrawn")
            : new Change(r with { SessionsEnded = ended.SessionsEnded, GrantWithdrawn = true },
            new GrantWithdrawn(ended.SessionsEnded), "system",
            n => Notifications.ToRequester(n, RequestCards.Ended(n)), [], [], "withdrawn")), ct).ConfigureAwait(false);
        return JobOutcome.Finished;
    }

    private async Task<JobOutcome> TimeOutAsync(DueJob job, CancellationToken ct)
    {
        await Committer.ChangeAsync(job.RequestId, (r, now) => Task.FromResult(r.State != AccessRequestState.Pending || r.PendingUntil > now
            ? Change.Refuse("not due")
            : new Change(r with { State = AccessRequestState.TimedOut, EndedAt = now, StateReason = "nobody answered in time" },
                new RequestTimedOut(r.PendingUntil), "system",
                n => workflow.RedrawApproval(n).Concat(Notifications.ToRequester(n, RequestCards.TimedOut(n))), [], [], "timed out")), ct).ConfigureAwait(false);
        return JobOutcome.Finished;
    }

    private JobOutcome Retry(DueJob job, Exception e) => JobOutcome.Retry(
        Committer.Time.GetUtcNow() + Backoff.Next(job.Attempts, options.RetryDelay, MaxRetryDelay, (e as RetryAfterException)?.RetryAfter, _random), e.Message);
}
