using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Core.Workflow;

/// <summary>What people decide about a request: approve, reject, cancel, revoke.</summary>
public sealed partial class AccessWorkflow
{
    public Task<WorkflowResult> ApproveAsync(string requestId, ChatUser clicker, CancellationToken ct = default) =>
        DecideAsync(requestId, clicker, RuleFor(CardVerb.Approve, clicker), async (r, user, now) =>
        {
            var next = ApprovalRules.AddApproval(r, user, now, out var done);
            if (done)
            {
                // JITNA counts the window from the final approval, so it is fixed here and a late grant job cannot stretch it.
                return new Change(next with { ExpiresAt = now + r.Duration }, new RequestApproved(r.CurrentLevel + 1), user.Email,
                    $"You approved request {r.Id}; {r.RequesterName} gets access to {r.NodeName} for {DurationText.Format(r.Duration)}.")
                {
                    Jobs = [new DueJob(r.Id, JobKind.Grant, now)],
                    CancelJobs = [JobKind.TimeOut],
                };
            }

            if (next.CurrentLevel > r.CurrentLevel)
            {
                next = next with { ApproverNotices = await NoticesAsync(next, new ApprovalRound(0, next.CurrentLevel), ct).ConfigureAwait(false) };
            }

            return new Change(next, new LevelApproved(r.CurrentLevel + 1), user.Email, next.CurrentLevel > r.CurrentLevel
                ? $"You approved level {r.CurrentLevel + 1} of request {r.Id}; it now waits for level {next.CurrentLevel + 1}."
                : $"You approved request {r.Id}; level {r.CurrentLevel + 1} needs {r.Levels[r.CurrentLevel].Required - next.ApprovalsAtCurrentLevel.Count()} more.");
        }, ct);

    public Task<WorkflowResult> RejectAsync(string requestId, ChatUser clicker, string? reason = null, CancellationToken ct = default) =>
        DecideWithReasonAsync(requestId, clicker, reason, RuleFor(CardVerb.Reject, clicker), (r, user, note, now) =>
        {
            var next = r with
            {
                State = AccessRequestState.Rejected, DecidedBy = user.Email, DecidedByName = user.DisplayName, EndedAt = now,
                RejectionReason = note, StateReason = $"rejected by {user.Email}",
            };
            return new Change(next, new RequestRejected(r.CurrentLevel + 1, note), user.Email,
                $"You rejected request {r.Id}; {r.RequesterName} will be told" + (note is null ? "." : ", with your reason."))
            {
                Notifications = n => Notifications.ToRequester(n, RequestCards.Rejected(n)),
                // A bridged request's owner must hear of it, durably: the relay is a job, retried until it succeeds.
                Jobs = r.Bridge is null ? [] : [new DueJob(r.Id, JobKind.RelayRejection, now)],
                CancelJobs = [JobKind.TimeOut],
            };
        }, ct);

    // The audit names the person as the directory knows them, never the text a platform passed.
    public Task<WorkflowResult> CancelAsync(string requestId, ChatUser actor, CancellationToken ct = default) =>
        DecideAsync(requestId, actor, RuleFor(CardVerb.Cancel, actor), (r, user, now) => Task.FromResult(
            new Change(r with { State = AccessRequestState.Cancelled, DecidedBy = user.Email, DecidedByName = user.DisplayName, EndedAt = now, StateReason = "cancelled by the requester" },
                new RequestCancelled(), user.Email, $"Request {r.Id} cancelled.") { CancelJobs = [JobKind.TimeOut] }), ct);

    public Task<WorkflowResult> RevokeAsync(string requestId, ChatUser actor, CancellationToken ct = default) =>
        DecideAsync(requestId, actor, RuleFor(CardVerb.Revoke, actor), (r, user, now) => Task.FromResult(
            new Change(Closing.Lapse(r) with { State = AccessRequestState.Revoked, DecidedBy = user.Email, DecidedByName = user.DisplayName, EndedAt = now, StateReason = $"revoked by {user.Email}" },
                new RequestRevoked(), user.Email, $"Request {r.Id} revoked; live sessions on {r.NodeName} are being ended.")
            {
                Jobs = [new DueJob(r.Id, JobKind.EndSessions, now)],
                CancelJobs = [JobKind.Expire, JobKind.Grant, JobKind.Remind],
            }), ct);

    /// <summary>
    /// Every decision a person makes, in the same order: a request whose deadline passed is closed instead (and the
    /// person told why); the person is looked up in the directory now, never trusted from the platform; the rule is
    /// checked; only then is the change decided.
    /// </summary>
    private Task<WorkflowResult> DecideAsync(string requestId, ChatUser person, Func<AccessRequest, DirectoryUser?, ApprovalCheck> rule,
        Func<AccessRequest, DirectoryUser, DateTimeOffset, Task<Change>> decide, CancellationToken ct) =>
        _committer.ChangeAsync(requestId, async (r, now) =>
        {
            if (Closing.Overdue(r, now) is { } closed)
            {
                return closed;
            }

            var user = await _directory.FindAsync(person.Email, ct).ConfigureAwait(false);
            var check = rule(r, user);
            return check.Allowed ? await decide(r, user!, now).ConfigureAwait(false) : Change.Refuse(check.Reason);
        }, ct);

    /// <summary>A decision that carries an optional reason for the requester, checked like any reason before anything is read.</summary>
    private Task<WorkflowResult> DecideWithReasonAsync(string requestId, ChatUser person, string? reason, Func<AccessRequest, DirectoryUser?, ApprovalCheck> rule,
        Func<AccessRequest, DirectoryUser, string?, DateTimeOffset, Change> decide, CancellationToken ct)
    {
        var (note, problem) = ReasonText.Check(reason, "the reason for rejecting");
        return problem is not null
            ? Task.FromResult(WorkflowResult.Refused(problem))
            : DecideAsync(requestId, person, rule, (r, user, now) => Task.FromResult(decide(r, user, string.IsNullOrEmpty(note) ? null : note, now)), ct);
    }
}
