using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Core.Workflow;

/// <summary>What people decide about a request: approve, reject, cancel, revoke.</summary>
public sealed partial class AccessWorkflow
{
    public Task<WorkflowResult> ApproveAsync(string requestId, ChatUser clicker, CancellationToken ct = default) =>
        _committer.ChangeAsync(requestId, async (r, now) =>
        {
            if (Closing.Overdue(r, now) is { } closed)
            {
                return closed;
            }

            var user = await _directory.FindAsync(clicker.Email, ct).ConfigureAwait(false);
            var check = ApprovalRules.CheckApprover(r, clicker.Email, user);
            if (!check.Allowed)
            {
                return Change.Refuse(check.Reason);
            }

            var next = ApprovalRules.AddApproval(r, user!, now, out var done);
            if (done)
            {
                // JITNA counts the window from the final approval, so it is fixed here and a late grant job cannot stretch it.
                return new Change(next with { ExpiresAt = now + r.Duration }, new RequestApproved(r.CurrentLevel + 1), user!.Email,
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

            return new Change(next, new LevelApproved(r.CurrentLevel + 1), user!.Email, next.CurrentLevel > r.CurrentLevel
                ? $"You approved level {r.CurrentLevel + 1} of request {r.Id}; it now waits for level {next.CurrentLevel + 1}."
                : $"You approved request {r.Id}; level {r.CurrentLevel + 1} needs {r.Levels[r.CurrentLevel].Required - next.ApprovalsAtCurrentLevel.Count()} more.");
        }, ct);

    public Task<WorkflowResult> RejectAsync(string requestId, ChatUser clicker, string? reason = null, CancellationToken ct = default)
    {
        var (note, problem) = ReasonText.Check(reason, "the reason for rejecting");
        if (problem is not null)
        {
            return Task.FromResult(WorkflowResult.Refused(problem));
        }

        return _committer.ChangeAsync(requestId, async (r, now) =>
        {
            if (Closing.Overdue(r, now) is { } closed)
            {
                return closed;
            }

            var user = await _directory.FindAsync(clicker.Email, ct).ConfigureAwait(false);
            var check = ApprovalRules.CheckRejecter(r, clicker.Email, user);
            if (!check.Allowed)
            {
                return Change.Refuse(check.Reason);
            }

            var next = r with
            {
                State = AccessRequestState.Rejected, DecidedBy = user!.Email, DecidedByName = user.DisplayName, EndedAt = now,
                RejectionReason = string.IsNullOrEmpty(note) ? null : note, StateReason = $"rejected by {user.Email}",
            };
            return new Change(next, new RequestRejected(r.CurrentLevel + 1, next.RejectionReason), user.Email,
                $"You rejected request {r.Id}; {r.RequesterName} will be told" + (next.RejectionReason is null ? "." : ", with your reason."))
            {
                Notifications = n => Notifications.ToRequester(n, RequestCards.Rejected(n)),
                CancelJobs = [JobKind.TimeOut],
            };
        }, ct);
    }

    public Task<WorkflowResult> CancelAsync(string requestId, ChatUser actor, CancellationToken ct = default) =>
        _committer.ChangeAsync(requestId, async (r, now) =>
        {
            if (Closing.Overdue(r, now) is { } closed)
            {
                return closed;
            }

            // The audit names the person as the directory knows them, never the text a platform passed.
            var user = await _directory.FindAsync(actor.Email, ct).ConfigureAwait(false);
            var check = ApprovalRules.CheckCanceller(r, user);
            return check.Allowed
                ? new Change(r with { State = AccessRequestState.Cancelled, DecidedBy = user!.Email, DecidedByName = user.DisplayName, EndedAt = now, StateReason = "cancelled by the requester" },
                    new RequestCancelled(), user.Email, $"Request {r.Id} cancelled.") { CancelJobs = [JobKind.TimeOut] }
                : Change.Refuse(check.Reason);
        }, ct);

    public Task<WorkflowResult> RevokeAsync(string requestId, ChatUser actor, CancellationToken ct = default) =>
        _committer.ChangeAsync(requestId, async (r, now) =>
        {
            if (Closing.Overdue(r, now) is { } closed)
            {
                return closed;
            }

            var user = await _directory.FindAsync(actor.Email, ct).ConfigureAwait(false);
            var check = ApprovalRules.CheckRevoker(r, user, _options.AllowRevokingAutoApproved);
            if (!check.Allowed)
            {
                return Change.Refuse(check.Reason);
            }

            var next = Closing.Lapse(r) with { State = AccessRequestState.Revoked, DecidedBy = user!.Email, DecidedByName = user.DisplayName, EndedAt = now, StateReason = $"revoked by {user.Email}" };
            return new Change(next, new RequestRevoked(), user.Email, $"Request {r.Id} revoked; live sessions on {r.NodeName} are being ended.")
            {
                Jobs = [new DueJob(r.Id, JobKind.EndSessions, now)],
                CancelJobs = [JobKind.Expire, JobKind.Grant, JobKind.Remind],
            };
        }, ct);
}
