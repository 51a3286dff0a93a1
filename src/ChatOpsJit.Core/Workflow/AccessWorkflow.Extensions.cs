using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Policies.Jitna;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Core.Workflow;

/// <summary>
/// More time on an active grant: asked by the requester, within the policy's maximum, granted at once or approved again
/// level by level as the policy says. An approved extension moves the end, and with it the expiry and reminder jobs.
/// </summary>
public sealed partial class AccessWorkflow
{
    /// <param name="by">How much more; null asks for the request's own duration again (clamped to what the policy allows).</param>
    public Task<WorkflowResult> ExtendAsync(string requestId, ChatUser actor, TimeSpan? by, CancellationToken ct = default) =>
        DecideAsync(requestId, actor, RuleFor(CardVerb.Extend, actor), async (r, user, now) =>
        {
            var allowance = ExtensionRules.Allowance(r);
            var wanted = by ?? r.Duration;
            var granted = wanted > allowance ? allowance : wanted;
            var clamped = granted < wanted
                ? $" (you asked for {DurationText.Format(wanted)}; policy '{r.PolicyName}' allows {DurationText.Format(r.MaxDuration ?? r.Duration)} in all)"
                : "";
            var round = r.Extensions.Count + 1;
            if (r.ExtensionRule == ExtensionRule.Auto)
            {
                var extension = new AccessExtension(round, granted, now, ExtensionState.Approved) { DecidedBy = RequestCards.PolicyActor, DecidedAt = now };
                var next = r with { Extensions = [.. r.Extensions, extension], ExpiresAt = r.ExpiresAt + granted };
                return Extended(next, extension, user.Email, now, $"Request {r.Id} extended by {DurationText.Format(granted)}, until {RequestCards.When(next.ExpiresAt)}{clamped}.");
            }

            var pending = r with { Extensions = [.. r.Extensions, new AccessExtension(round, granted, now, ExtensionState.Pending)] };
            pending = pending with { ApproverNotices = await NoticesAsync(pending, new ApprovalRound(round, 0), ct).ConfigureAwait(false) };
            return new Change(pending, new ExtensionRequested(round, granted), user.Email,
                $"Extension of request {r.Id} by {DurationText.Format(granted)}{clamped} sent for approval by {string.Join(", then ", r.Levels.Select(l => string.Join("/", l.Approvers)))}; " +
                $"until it is approved your access ends at {RequestCards.When(r.ExpiresAt)}.");
        }, ct);

    public Task<WorkflowResult> ApproveExtensionAsync(string requestId, ChatUser clicker, CancellationToken ct = default) =>
        DecideAsync(requestId, clicker, RuleFor(CardVerb.ApproveExtension, clicker), async (r, user, now) =>
        {
            var before = r.PendingExtension!;
            var next = ApprovalRules.AddApproval(r, user, now, out var done);
            if (done)
            {
                var extension = next.Extensions.Single(e => e.Round == before.Round);
                next = next with { ExpiresAt = r.ExpiresAt + extension.By };
                return Extended(next, extension, user.Email, now,
                    $"You approved the extension of request {r.Id}; {r.RequesterName}'s access to {r.NodeName} now ends at {RequestCards.When(next.ExpiresAt)}.");
            }

            var advanced = next.PendingExtension!.CurrentLevel > before.CurrentLevel;
            if (advanced)
            {
                next = next with { ApproverNotices = await NoticesAsync(next, new ApprovalRound(before.Round, next.PendingExtension!.CurrentLevel), ct).ConfigureAwait(false) };
            }

            return new Change(next, new ExtensionLevelApproved(before.Round, before.CurrentLevel + 1), user.Email, advanced
                ? $"You approved level {before.CurrentLevel + 1} of the extension of request {r.Id}; it now waits for level {before.CurrentLevel + 2}."
                : $"You approved the extension of request {r.Id}; level {before.CurrentLevel + 1} needs {r.Levels[before.CurrentLevel].Required - next.ApprovalsAtCurrentLevel.Count()} more.");
        }, ct);

    public Task<WorkflowResult> RejectExtensionAsync(string requestId, ChatUser clicker, string? reason = null, CancellationToken ct = default) =>
        DecideWithReasonAsync(requestId, clicker, reason, RuleFor(CardVerb.RejectExtension, clicker), (r, user, note, now) =>
        {
            var pending = r.PendingExtension!;
            var rejected = pending with { State = ExtensionState.Rejected, DecidedBy = user.Email, DecidedByName = user.DisplayName, DecidedAt = now, RejectionReason = note };
            var next = r with { Extensions = r.Extensions.Select(e => e.Round == pending.Round ? rejected : e).ToList() };
            return new Change(next, new ExtensionRejected(pending.Round, pending.CurrentLevel + 1, note), user.Email,
                $"You rejected the extension of request {r.Id}; {r.RequesterName} will be told, and the access still ends at {RequestCards.When(r.ExpiresAt)}.")
            {
                Notifications = n => Notifications.ToRequester(n, RequestCards.ExtensionRejected(n, rejected)),
            };
        }, ct);

    // The window's end moved: its expiry and reminder are scheduled again for the new end, and the requester hears so.
    private Change Extended(AccessRequest next, AccessExtension extension, string actor, DateTimeOffset now, string message) =>
        new(next, new RequestExtended(extension.Round, extension.By, next.ExpiresAt), actor, message)
        {
            Notifications = n => Notifications.ToRequester(n, RequestCards.Extended(n, extension)),
            Jobs = WindowJobs(next, now),
            CancelJobs = [JobKind.Expire, JobKind.Remind],
        };
}
