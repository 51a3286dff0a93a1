using System.Globalization;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Text;

namespace ChatOpsJit.Core.Notifications;

/// <summary>
/// The cards the workflow shows about a request, drawn from its state and what this deployment can do. Every card is a
/// pure function of the request, so a card posted earlier can be redrawn for everyone whenever the request changes:
/// its title then says the state, and buttons that no longer apply are gone.
/// </summary>
/// <param name="CredentialsOnDemand">The grantor mints credentials, so the requester's card offers them.</param>
/// <param name="RevokeAutoApproved">The operator lets auto-approved grants be revoked (JITNA does not).</param>
public sealed partial record RequestCards(bool CredentialsOnDemand, bool RevokeAutoApproved)
{
    public static string When(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>The approvers' card in their channel: buttons while something waits for them, the outcome once decided.</summary>
    public ChatCard Approval(AccessRequest r) => new()
    {
        Title = $"Access request {r.Id}: {StateTitle(r)}",
        Text = $"{People.Display(r.RequesterName, r.RequesterEmail)} asks for access to {r.NodeName}." + ExtensionAsk(r) + BridgeNote(r),
        Fields = ApprovalFields(r),
        Actions = DecidingActions(r),
        Mentions = DecidingMentions(r),
        Footer = Deadline(r),
        Tone = Tone(r),
    };

    /// <summary>
    /// The DM an approver got when a level started waiting for them: the buttons only while that very level is deciding,
    /// so an approver of level 1 cannot act on level 2 from an old message.
    /// </summary>
    public ChatCard ForApprover(AccessRequest r, ApproverNotice notice) => new()
    {
        Title = $"Access request {r.Id}: {StateTitle(r)}",
        Text = $"{People.Display(r.RequesterName, r.RequesterEmail)} asks " + (notice.Round == 0 ? $"for access to {r.NodeName}" : $"to extend access to {r.NodeName}") +
               $"; you approve at level {notice.Level + 1} of {r.Levels.Count}." + (r.Deciding == new ApprovalRound(notice.Round, notice.Level) ? "" : " " + Outcome(r, notice)),
        Fields = ApprovalFields(r),
        Actions = r.Deciding == new ApprovalRound(notice.Round, notice.Level) ? DecidingActions(r) : [],
        Footer = Deadline(r),
        Tone = Tone(r),
    };

    // The policy's approver entries as written, then each person they expand to (the requester left out), so a platform
    // that can only mention people (Slack, Teams) still reaches everyone in a group.
    private static IReadOnlyList<CardMention> DecidingMentions(AccessRequest r)
    {
        if (r.PendingLevel is not { } level || r.Deciding is not { } deciding)
        {
            return [];
        }

        var mentions = level.Approvers.Select(CardMention.ForApprover).ToList();
        var people = r.ApproverNotices.Where(n => n.Round == deciding.Round && n.Level == deciding.Level)
            .Select(n => new CardMention(n.Email, CardMentionKind.Person));
        return mentions.Concat(people).DistinctBy(m => (m.Kind, m.Name.ToLowerInvariant())).ToList();
    }

    /// <summary>A card's title after the request id: the state in a word or two, with the end time while active.</summary>
    public static string StateTitle(AccessRequest r) => r.State switch
    {
        AccessRequestState.Pending => r.Levels.Count > 1 ? $"Pending, level {r.CurrentLevel + 1} of {r.Levels.Count}" : "Pending",
        AccessRequestState.Approved => "Approved, granting access",
        AccessRequestState.Active => $"Active until {When(r.ExpiresAt)}" + (r.PendingExtension is null ? "" : ", extension pending"),
        AccessRequestState.TimedOut => "Timed out",
        _ => r.State.ToString(),
    };

    /// <summary>One line about where the request is and who decided, for status lines and lists.</summary>
    public static string StatusText(AccessRequest r) => r.State switch
    {
        AccessRequestState.Pending => $"pending, level {r.CurrentLevel + 1} of {r.Levels.Count}",
        AccessRequestState.Approved => "approved, granting access",
        AccessRequestState.Active => $"active until {When(r.ExpiresAt)}" + (r.AutoApproved ? " (auto-approved)" : $", approved by {DecidedBy(r)}") +
                                     (r.PendingExtension is { } e ? $"; extension of {DurationText.Format(e.By)} waiting for approval" : ""),
        AccessRequestState.Expired => $"expired {When(r.EndedAt)}",
        AccessRequestState.Revoked => $"revoked by {DecidedBy(r)} {When(r.EndedAt)}",
        AccessRequestState.Rejected => $"rejected by {DecidedBy(r)}" + (r.EndedAt is { } at ? $" {When(at)}" : "") + (r.RejectionReason is { } why ? $": {why}" : ""),
        AccessRequestState.Cancelled => "cancelled by the requester",
        AccessRequestState.TimedOut => "timed out unanswered",
        AccessRequestState.Denied => "denied by policy",
        AccessRequestState.Failed => "failed",
        _ => r.State.ToString(),
    };

    public static ChatCard Status(AccessRequest r) => new()
    {
        Title = $"Request {r.Id}: {StatusText(r)}",
        Fields =
        [
            new("Requester", People.Display(r.RequesterName, r.RequesterEmail)), new("Node", NodeText(r)), new("Reason", r.Reason),
            new("Duration", DurationField(r)), new("Policy", r.PolicyName ?? "-"), new("Approvers", ApproversText(r)),
            new("Asked", When(r.CreatedAt)),
        ],
        Text = r.StateReason ?? "",
        Tone = Tone(r),
    };

    private List<CardAction> DecidingActions(AccessRequest r) => r.Deciding switch
    {
        { Round: 0 } => [new CardAction(CardVerb.Approve, "Approve", r.Id, CardAudience.Approvers, CardActionStyle.Primary),
                         new CardAction(CardVerb.Reject, "Reject", r.Id, CardAudience.Approvers, CardActionStyle.Danger)],
        not null => [new CardAction(CardVerb.ApproveExtension, "Approve extension", r.Id, CardAudience.Approvers, CardActionStyle.Primary),
                     new CardAction(CardVerb.RejectExtension, "Reject extension", r.Id, CardAudience.Approvers, CardActionStyle.Danger)],
        null => [],
    };

    private static List<CardField> ApprovalFields(AccessRequest r)
    {
        var fields = new List<CardField>
        {
            new("Requester", People.Display(r.RequesterName, r.RequesterEmail)),
            new("Node", NodeText(r)),
            new("Reason", r.Reason),
            new("Duration", DurationField(r) + (r.RunAs is null ? "" : $" as {r.RunAs}")),
            new("Policy", r.PolicyName ?? "-"),
            new("Approvers", ApproversText(r)),
        };
        if (r.PendingExtension is { } e)
        {
            fields.Add(new("Extension", $"{DurationText.Format(e.By)} more, until {When(r.ExpiresAt + e.By)}; level {e.CurrentLevel + 1} of {r.Levels.Count}"));
        }

        if (r.State != AccessRequestState.Pending)
        {
            fields.Add(new("Status", StatusText(r)));
        }

        return fields;
    }

    private static string ExtensionAsk(AccessRequest r) => r.PendingExtension is { } e
        ? $" They ask to extend it by {DurationText.Format(e.By)}, until {When(r.ExpiresAt + e.By)}."
        : "";

    // Approvers must know their click is relayed: the other system decides, grants and ends the access.
    private static string BridgeNote(AccessRequest r) => r.Bridge is { } bridge
        ? $" Bridged from {bridge.System} request {bridge.ExternalId}: {bridge.System} stays the decision maker and enforcer; Approve, Reject and Revoke are relayed to it."
        : "";

    private static string Deadline(AccessRequest r) => r.State switch
    {
        AccessRequestState.Pending => $"{r.Id} · times out {When(r.PendingUntil)}",
        AccessRequestState.Active when r.PendingExtension is not null => $"{r.Id} · the extension lapses unless approved before {When(r.ExpiresAt)}",
        _ => r.Id,
    };

    // Why an approver's old DM no longer has buttons.
    private static string Outcome(AccessRequest r, ApproverNotice notice)
    {
        var extension = notice.Round == 0 ? null : r.Extensions.FirstOrDefault(e => e.Round == notice.Round);
        var mine = r.Approvals.FirstOrDefault(a => a.Round == notice.Round && a.Level == notice.Level);
        return extension switch
        {
            { State: ExtensionState.Approved } => $"The extension was approved by {People.Display(extension.DecidedByName, extension.DecidedBy)}.",
            { State: ExtensionState.Rejected } => $"The extension was rejected by {People.Display(extension.DecidedByName, extension.DecidedBy)}.",
            { State: ExtensionState.Lapsed } => "The extension lapsed undecided.",
            _ when mine is not null && r.State is AccessRequestState.Pending or AccessRequestState.Active => $"Your level was approved by {People.Display(mine.ApproverName, mine.ApproverEmail)}.",
            _ => $"It is now {StatusText(r)}.",
        };
    }

    private static string DecidedBy(AccessRequest r) => People.Display(r.DecidedByName, r.DecidedBy);

    private static string NodeText(AccessRequest r) =>
        (r.NodeName == r.NodeId ? r.NodeId : $"{r.NodeName} ({r.NodeId})") + (r.Account.Length > 0 ? $" · {r.Account}/{r.Region}" : "");

    private static string DurationField(AccessRequest r)
    {
        var extended = r.GrantedDuration - r.Duration;
        return extended > TimeSpan.Zero ? $"{DurationText.Format(r.GrantedDuration)} ({DurationText.Format(r.Duration)}, extended by {DurationText.Format(extended)})" : DurationText.Format(r.Duration);
    }

    private static string ApproversText(AccessRequest r) => r.Levels.Count == 0
        ? "-"
        : string.Join("; ", r.Levels.Select((l, i) =>
        {
            var by = r.Approvals.Where(a => a.Round == 0 && a.Level == i).Select(a => $"{People.Display(a.ApproverName, a.ApproverEmail)} {When(a.At)}").ToList();
            return $"level {i + 1}: {l.Required} of {string.Join(", ", l.Approvers)}" + (by.Count > 0 ? $" (approved by {string.Join(", ", by)})" : "");
        }));

    private static CardTone Tone(AccessRequest r) => r.State switch
    {
        AccessRequestState.Pending => CardTone.Pending,
        AccessRequestState.Active when r.PendingExtension is not null => CardTone.Pending,
        AccessRequestState.Approved or AccessRequestState.Active => CardTone.Good,
        AccessRequestState.Rejected or AccessRequestState.Denied or AccessRequestState.Failed => CardTone.Bad,
        AccessRequestState.TimedOut => CardTone.Warning,
        _ => CardTone.Neutral,
    };
}
