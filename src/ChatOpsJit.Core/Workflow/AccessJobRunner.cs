using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Core.Workflow;

/// <summary>
/// Runs the workflow's due work: issue grants, close windows, end sessions, remind, time out unanswered requests.
/// Each job first re-reads the request, so a job that is no longer relevant (the request moved on) does nothing; and
/// each checks its deadline when it decides, so a job that runs late never grants after the window closed.
/// </summary>
public sealed class AccessJobRunner(AccessWorkflow workflow, IAccessGrantor grantor, AccessOptions options, ILogger<AccessJobRunner> logger, Random? random = null)
{
    private const int MaxEndSessionAttempts = 50;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    private readonly Random _random = random ?? Random.Shared;

    private RequestCommitter Committer => workflow.Committer;

    private RequestNotifications Notifications => workflow.Notifications;

    private Closing Closing => workflow.Closing;

    public Task<JobOutcome> RunAsync(DueJob job, CancellationToken ct = default) => job.Kind switch
    {
        JobKind.Grant => GrantAsync(job, ct),
        JobKind.Expire => CloseIfOverdueAsync(job, ct),
        JobKind.EndSessions => EndSessionsAsync(job, ct),
        JobKind.SweepSessions => SweepSessionsAsync(job, ct),
        JobKind.TimeOut => CloseIfOverdueAsync(job, ct),
        JobKind.Remind => RemindAsync(job, ct),
        JobKind.RelayRejection => RelayRejectionAsync(job, ct),
        _ => Task.FromResult(JobOutcome.Finished),
    };

    private async Task<JobOutcome> GrantAsync(DueJob job, CancellationToken ct)
    {
        var request = await workflow.FindAsync(job.RequestId, ct).ConfigureAwait(false);
        if (request?.State != AccessRequestState.Approved)
        {
            return JobOutcome.Finished;
        }

        // Requests approved before the end was fixed at approval carry none yet; their window starts now.
        request = request with { ExpiresAt = request.ExpiresAt ?? Committer.Time.GetUtcNow() + request.Duration };
        if (request.ExpiresAt <= Committer.Time.GetUtcNow())
        {
            // The job ran after the window closed (the host was down, or retries took that long): nothing is granted.
            return await CloseIfOverdueAsync(job, ct).ConfigureAwait(false);
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
                    new GrantFailed(job.Attempts, e.Message), "system", "failed")
                {
                    Notifications = n => Notifications.ToRequester(n, RequestCards.Failed(n)),
                }), ct).ConfigureAwait(false);
            return JobOutcome.Finished;
        }

        var mustNotExist = false;
        var result = await Committer.ChangeAsync(job.RequestId, (r, now) =>
        {
            mustNotExist = r.State.IsFinal();
            if (r.State != AccessRequestState.Approved)
            {
                // Active means an overlapping run of this job got there first: its grant is the one in force.
                return Task.FromResult(Change.Refuse("no longer approved"));
            }

            // The window closed while the grantor worked: expire now, and the session job withdraws what was granted.
            var end = r.ExpiresAt ?? request.ExpiresAt!.Value;
            if (Closing.Overdue(r with { ExpiresAt = end }, now) is { } closed)
            {
                return Task.FromResult(closed);
            }

            var active = r with { State = AccessRequestState.Active, ActivatedAt = now, ExpiresAt = end, ConnectInstructions = grant.ConnectInstructions };
            return Task.FromResult(new Change(active, new GrantIssued(end), "system", "granted")
            {
                Notifications = n => Notifications.EmailRequester(n, workflow.Cards.Granted(n)),
                Jobs = workflow.WindowJobs(active, now),
            });
        }, ct).ConfigureAwait(false);

        if (!result.Ok && mustNotExist)
        {
            // Revoked or failed while the grant was being issued: take back what was just granted. A request another run
            // already made active keeps its grant.
            logger.LogInformation("Request {RequestId} ended while granting; withdrawing the grant", job.RequestId);
            await grantor.RevokeAsync(request, ct).ConfigureAwait(false);
        }

        return JobOutcome.Finished;
    }

    // The expiry and time-out jobs close what a person's decision would find overdue: each deadline is defined once, in Closing.
    private Task<JobOutcome> CloseIfOverdueAsync(DueJob job, CancellationToken ct) =>
        FinishWithAsync(job, (r, now) => Closing.Overdue(r, now) ?? Change.Refuse("not due"), ct);

    // A committed change that cancels jobs of this job's kind deleted this job's row in its own transaction; saying so
    // spares the scheduler a second write to complete a row that is already gone.
    private async Task<JobOutcome> FinishWithAsync(DueJob job, Func<AccessRequest, DateTimeOffset, Change> decide, CancellationToken ct)
    {
        Change? decided = null;
        var result = await Committer.ChangeAsync(job.RequestId, (r, now) => Task.FromResult(decided = decide(r, now)), ct).ConfigureAwait(false);
        return result.Committed && decided!.CancelJobs.Contains(job.Kind) ? JobOutcome.FinishedWithItsRow : JobOutcome.Finished;
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

        if (ended.NotEnded.Count > 0)
        {
            logger.LogError("Request {RequestId}: {Count} session(s) on {NodeId} could not be ended: {Sessions}", request.Id, ended.NotEnded.Count, request.NodeId, string.Join("; ", ended.NotEnded));
        }

        return await FinishWithAsync(job, (r, now) => r.GrantWithdrawn
            ? Change.Refuse("already withdrawn")
            : new Change(r with { SessionsEnded = ended.SessionsEnded, SessionsNotEnded = ended.NotEnded, GrantWithdrawn = true, SweepUntil = ended.SweepUntil > now ? ended.SweepUntil : null },
                new GrantWithdrawn(ended.SessionsEnded, ended.EndedSessionIds.Count > 0 ? ended.EndedSessionIds : null, ended.NotEnded.Count > 0 ? ended.NotEnded : null), "system", "withdrawn")
            {
                Notifications = n => Notifications.ToRequester(n, RequestCards.Ended(n)),
                Jobs = ended.SweepUntil > now ? [new DueJob(job.RequestId, JobKind.SweepSessions, now + SweepInterval)] : [],
                // Once withdrawn, any other session-ending job of the request would find nothing to do.
                CancelJobs = [JobKind.EndSessions],
            }, ct).ConfigureAwait(false);
    }

    // Credentials handed out before a revocation cannot be recalled, so until they lapse a session may start after the
    // withdrawal: it is looked for every minute and ended, and each one found is audited. Nothing found changes nothing.
    private async Task<JobOutcome> SweepSessionsAsync(DueJob job, CancellationToken ct)
    {
        var request = await workflow.FindAsync(job.RequestId, ct).ConfigureAwait(false);
        var now = Committer.Time.GetUtcNow();
        if (request is not { GrantWithdrawn: true, SweepUntil: { } until })
        {
            return JobOutcome.Finished;
        }

        RevokeResult swept;
        try
        {
            swept = await grantor.RevokeAsync(request, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Sweeping the sessions of withdrawn request {RequestId} failed", job.RequestId);
            // Past the deadline no credentials of the grant work any more, so a failing last sweep is not retried for ever.
            return now >= until ? JobOutcome.Finished : JobOutcome.Retry(Next(now, until), e.Message);
        }

        if (swept.EndedSessionIds.Count > 0 || swept.NotEnded.Count > 0)
        {
            logger.LogWarning("Request {RequestId}: {Count} session(s) were started after the grant was withdrawn; ended {Ended}, could not end {NotEnded}",
                request.Id, swept.EndedSessionIds.Count + swept.NotEnded.Count, string.Join(", ", swept.EndedSessionIds), string.Join("; ", swept.NotEnded));
            await Committer.ChangeAsync(job.RequestId, (r, _) => Task.FromResult(new Change(
                r with { SessionsEnded = r.SessionsEnded + swept.EndedSessionIds.Count, SessionsNotEnded = [.. r.SessionsNotEnded, .. swept.NotEnded] },
                new SessionsSwept(swept.EndedSessionIds, swept.NotEnded.Count > 0 ? swept.NotEnded : null), "system", "swept")), ct).ConfigureAwait(false);
        }

        // The last sweep runs at the deadline itself, so a session started a moment before it is ended too.
        return now >= until ? JobOutcome.Finished : JobOutcome.Retry(Next(now, until), $"sweeping again until {until:u}");
    }

    private static DateTimeOffset Next(DateTimeOffset now, DateTimeOffset until) => now + SweepInterval < until ? now + SweepInterval : until;

    // Once per end: an extension moves the end and schedules a new reminder; a reminder for an end already announced does nothing.
    private async Task<JobOutcome> RemindAsync(DueJob job, CancellationToken ct)
    {
        await Committer.ChangeAsync(job.RequestId, (r, now) => Task.FromResult(
            r.State == AccessRequestState.Active && r.ExpiresAt is { } end && end > now && end - options.ReminderBefore <= now && !r.RemindedFor.Contains(end)
                ? new Change(r with { RemindedFor = [.. r.RemindedFor, end] }, new RequestReminded(end), "system", "reminded")
                {
                    Notifications = n => Notifications.EmailRequester(n, workflow.Cards.Reminder(n, n.RemindedFor.Count)),
                }
                : Change.Refuse("not due")), ct).ConfigureAwait(false);
        return JobOutcome.Finished;
    }

    private async Task<JobOutcome> RelayRejectionAsync(DueJob job, CancellationToken ct)
    {
        var request = await workflow.FindAsync(job.RequestId, ct).ConfigureAwait(false);
        if (request is not { State: AccessRequestState.Rejected, Bridge: not null } || grantor is not IDecisionRelay relay)
        {
            return JobOutcome.Finished;
        }

        try
        {
            await relay.RelayRejectionAsync(request, ct).ConfigureAwait(false);
            return JobOutcome.Finished;
        }
        catch (Exception e) when (e is not OperationCanceledException && job.Attempts < MaxEndSessionAttempts)
        {
            logger.LogWarning(e, "Relaying the rejection of request {RequestId} to {System} failed (attempt {Attempt})", job.RequestId, request.Bridge.System, job.Attempts);
            return Retry(job, e);
        }
    }

    private JobOutcome Retry(DueJob job, Exception e) => JobOutcome.Retry(
        Committer.Time.GetUtcNow() + Backoff.Next(job.Attempts, options.RetryDelay, MaxRetryDelay, (e as RetryAfterException)?.RetryAfter, _random), e.Message);
}
