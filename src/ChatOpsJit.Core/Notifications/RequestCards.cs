using System.Globalization;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Text;

namespace ChatOpsJit.Core.Notifications;

/// <summary>The cards the workflow shows about a request, drawn from its state and what this deployment can do.</summary>
/// <param name="CredentialsOnDemand">The grantor mints credentials, so the requester's card offers them.</param>
/// <param name="RevokeAutoApproved">The operator lets auto-approved grants be revoked (JITNA does not).</param>
public sealed record RequestCards(bool CredentialsOnDemand, bool RevokeAutoApproved)
{
    public static string When(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>The approvers' card: pending with buttons and the level's approvers mentioned, or the outcome once decided.</summary>
    public ChatCard Approval(AccessRequest r)
    {
        var fields = new List<CardField>
        {
            new("Requester", $"{r.RequesterName} ({r.RequesterEmail})"),
            new("Node", NodeText(r)),
            new("Reason", r.Reason),
            new("Duration", DurationText.Format(r.Duration) + (r.RunAs is null ? "" : $" as {r.RunAs}")),
            new("Policy", r.PolicyName ?? "-"),
            new("Approvers", ApproversText(r)),
        };
        if (r.State != AccessRequestState.Pending)
        {
            fields.Add(new("Status", StatusText(r)));
        }

        return new ChatCard
        {
            Title = $"Access request {r.Id}",
            Text = $"{r.RequesterName} asks for access to {r.NodeName}.",
            Fields = fields,
            Actions = r.State == AccessRequestState.Pending
                ? [new CardAction(CardVerb.Approve, "Approve", r.Id, CardAudience.Approvers, CardActionStyle.Primary),
                   new CardAction(CardVerb.Reject, "Reject", r.Id, CardAudience.Approvers, CardActionStyle.Danger)]
                : [],
            Mentions = r.PendingLevel?.Approvers.Select(CardMention.ForApprover).ToList() ?? [],
            Footer = r.State == AccessRequestState.Pending ? $"{r.Id} · times out {When(r.PendingUntil)}" : r.Id,
            Tone = Tone(r.State),
        };
    }

    public ChatCard Granted(AccessRequest r)
    {
        var actions = new List<CardAction>();
        if (CredentialsOnDemand)
        {
            actions.Add(new CardAction(CardVerb.Credentials, "Get credentials", r.Id, CardAudience.Requester, CardActionStyle.Primary));
        }

        if (!r.AutoApproved || RevokeAutoApproved)
        {
            actions.Add(new CardAction(CardVerb.Revoke, "Revoke now", r.Id, CardAudience.Requester, CardActionStyle.Danger));
        }

        return new ChatCard
        {
            Title = $"Access granted to {r.NodeName}",
            Text = (r.AutoApproved ? "Approved automatically by policy" : $"Approved by {r.DecidedBy}") +
                   $". Your access to {NodeText(r)} is open until {When(r.ExpiresAt)}." +
                   (CredentialsOnDemand ? " Get credentials shows, only to you, temporary credentials for this node." : ""),
            Fields = [new("Request", r.Id), new("Reason", r.Reason), new("Until", When(r.ExpiresAt))],
            Code = r.ConnectInstructions,
            Actions = actions,
            Footer = "Sessions are ended when the window closes.",
            Tone = CardTone.Good,
        };
    }

    /// <summary>Temporary credentials, for the requester's eyes only: never stored, posted, logged or audited.</summary>
    public static ChatCard Credentials(AccessRequest r, AccessCredentials credentials) => new()
    {
        Title = $"Temporary credentials for {r.NodeName}",
        Text = $"Only you can see this. They work for {NodeText(r)} only, until {When(credentials.Expires)}: set them in a terminal, then connect.",
        Fields = [new("Request", r.Id), new("Key id", credentials.KeyId)],
        Code = string.Join('\n', credentials.Environment.Append(credentials.ConnectCommand)),
        Footer = "Never paste these into a channel; ask again for a fresh set.",
        Tone = CardTone.Good,
        Sensitive = true,
    };

    /// <summary>What the requester's own card about the request shows now.</summary>
    public ChatCard ForRequester(AccessRequest r) => r.State == AccessRequestState.Active ? Granted(r) : Status(r);

    public static ChatCard Ended(AccessRequest r) => new()
    {
        Title = r.State == AccessRequestState.Revoked ? $"Access to {r.NodeName} revoked" : $"Access to {r.NodeName} expired",
        Text = (r.State == AccessRequestState.Revoked ? $"{r.DecidedBy} revoked your access" : "Your access window closed") +
               $" at {When(r.EndedAt)}. {Sessions(r.SessionsEnded)}",
        Fields = [new("Request", r.Id), new("Node", NodeText(r))],
        Footer = "Ask again with /access if you still need it.",
        Tone = CardTone.Neutral,
    };

    public static ChatCard Rejected(AccessRequest r) => new()
    {
        Title = $"Access to {r.NodeName} rejected",
        Text = $"{People.Display(r.DecidedByName, r.DecidedBy)} rejected request {r.Id}" + (r.RejectionReason is { } why ? $": \u201c{why}\u201d" : "."),
        Fields = r.RejectionReason is { } note ? [new("Their reason", note), new("Reason you gave", r.Reason)] : [new("Reason you gave", r.Reason)],
        Tone = CardTone.Bad,
    };

    public static ChatCard TimedOut(AccessRequest r) => new()
    {
        Title = $"Access request {r.Id} timed out",
        Text = $"Nobody answered your request for {r.NodeName} before {When(r.PendingUntil)}.",
        Tone = CardTone.Warning,
    };

    public static ChatCard Failed(AccessRequest r) => new()
    {
        Title = $"Access to {r.NodeName} could not be granted",
        Text = r.StateReason ?? "The grant could not be issued.",
        Fields = [new("Request", r.Id)],
        Tone = CardTone.Bad,
    };

    public static ChatCard Status(AccessRequest r) => new()
    {
        Title = $"Request {r.Id}: {StatusText(r)}",
        Fields =
        [
            new("Requester", r.RequesterEmail), new("Node", NodeText(r)), new("Reason", r.Reason),
            new("Duration", DurationText.Format(r.Duration)), new("Policy", r.PolicyName ?? "-"), new("Approvers", ApproversText(r)),
            new("Asked", When(r.CreatedAt)),
        ],
        Text = r.StateReason ?? "",
        Tone = Tone(r.State),
    };

    public static string StatusText(AccessRequest r) => r.State switch
    {
        AccessRequestState.Pending => $"pending, level {r.CurrentLevel + 1} of {r.Levels.Count}",
        AccessRequestState.Approved => "approved, granting access",
        AccessRequestState.Active => $"active until {When(r.ExpiresAt)}" + (r.AutoApproved ? " (auto-approved)" : $" (approved by {r.DecidedBy})"),
        AccessRequestState.Expired => $"expired {When(r.EndedAt)}",
        AccessRequestState.Revoked => $"revoked by {r.DecidedBy} {When(r.EndedAt)}",
        AccessRequestState.Rejected => $"rejected by {r.DecidedBy}",
        AccessRequestState.Cancelled => "cancelled by the requester",
        AccessRequestState.TimedOut => "timed out unanswered",
        AccessRequestState.Denied => "denied by policy",
        AccessRequestState.Failed => "failed",
        _ => r.State.ToString(),
    };

    private static string NodeText(AccessRequest r) =>
        (r.NodeName == r.NodeId ? r.NodeId : $"{r.NodeName} ({r.NodeId})") + (r.Account.Length > 0 ? $" · {r.Account}/{r.Region}" : "");

    private static string ApproversText(AccessRequest r) => r.Levels.Count == 0
        ? "-"
        : string.Join("; ", r.Levels.Select((l, i) =>
        {
            var by = r.Approvals.Where(a => a.Level == i).Select(a => a.ApproverEmail).ToList();
            return $"level {i + 1}: {l.Required} of {string.Join(", ", l.Approvers)}" + (by.Count > 0 ? $" (approved by {string.Join(", ", by)})" : "");
        }));

    private static string Sessions(int count) => count switch
    {
        0 => "No sessions were open.",
        1 => "1 live session was ended.",
        _ => $"{count} live sessions were ended.",
    };

    private static CardTone Tone(AccessRequestState state) => state switch
    {
        AccessRequestState.Pending => CardTone.Pending,
        AccessRequestState.Approved or AccessRequestState.Active => CardTone.Good,
        AccessRequestState.Rejected or AccessRequestState.Denied or AccessRequestState.Failed => CardTone.Bad,
        AccessRequestState.TimedOut => CardTone.Warning,
        _ => CardTone.Neutral,
    };
}
