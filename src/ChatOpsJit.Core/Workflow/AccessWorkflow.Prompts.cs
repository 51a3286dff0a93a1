using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Workflow;

/// <summary>The questions asked before a press that must be confirmed.</summary>
public sealed partial class AccessWorkflow
{
    private static readonly PromptInput RejectionReason = new("Reason (optional; the requester sees it)", "e.g. use the staging box first", false, ReasonText.MaxLength);

    /// <summary>
    /// What to ask before a verb that <see cref="CardVerbs.Prompts"/> runs, after the same check the action itself makes,
    /// so only people who may do it are asked to confirm. Nothing is written.
    /// </summary>
    public async Task<ActionResult> PromptAsync(CardVerb verb, string requestId, ChatUser presser, CancellationToken ct = default)
    {
        var request = await _store.FindAsync(requestId, ct).ConfigureAwait(false);
        if (request is null)
        {
            return ActionResult.Refused($"there is no request {requestId}.");
        }

        var now = _committer.Time.GetUtcNow();
        if (Closing.Overdue(request, now) is { } closed)
        {
            return ActionResult.Refused(closed.Message);
        }

        if (!verb.Prompts())
        {
            return ActionResult.Refused($"the {verb.WireName()} button needs no confirmation.");
        }

        var user = await _directory.FindAsync(presser.Email, ct).ConfigureAwait(false);
        var check = RuleFor(verb, presser)(request, user);
        if (!check.Allowed)
        {
            return ActionResult.Refused(check.Reason);
        }

        var r = request;
        return ActionResult.Ask(verb switch
        {
            CardVerb.Reject => new ActionPrompt($"Reject request {r.Id}?",
                $"{r.RequesterName} asked for access to {r.NodeName}: \u201c{r.Reason}\u201d. They will be told, with your reason if you give one.", "Reject", RejectionReason),
            CardVerb.RejectExtension => new ActionPrompt($"Reject the extension of request {r.Id}?",
                $"{r.RequesterName} asked for {DurationText.Format(r.PendingExtension!.By)} more on {r.NodeName}; their access still ends at {RequestCards.When(r.ExpiresAt)}.",
                "Reject extension", RejectionReason),
            CardVerb.Extend => new ActionPrompt($"Extend your access to {r.NodeName}?",
                $"It ends at {RequestCards.When(r.ExpiresAt)}. You can ask for up to {DurationText.Format(ExtensionRules.Allowance(r))} more" +
                (r.ExtensionRule == Policies.Jitna.ExtensionRule.Auto ? "; policy grants it at once." : $"; {string.Join(", then ", r.Levels.Select(l => string.Join("/", l.Approvers)))} must approve it."),
                "Extend", new PromptInput($"How much longer (empty: {DurationText.Format(Min(r.Duration, ExtensionRules.Allowance(r)))})", "e.g. 30m or 1h", false, 16)),
            _ => new ActionPrompt($"Revoke request {r.Id} now?", $"Access to {r.NodeName} ends at once and its live sessions are ended.", "Revoke"),
        });
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
