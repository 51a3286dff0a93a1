using System.Globalization;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Notifications;

/// <summary>The cards the workflow shows about a request, drawn from its state alone.</summary>
public static class RequestCards
{
    public static string When(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>The approvers' card: pending with buttons, or the outcome once decided.</summary>
    public static ChatCard Approval(AccessRequest r)
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
                ? [new CardAction("approve", "Approve", r.Id, CardActionStyle.Primary),
                   new CardAction("deny", "Deny", r.Id, CardActionStyle.Danger, "The requester will be told.")]
                : [],
            Footer = r.State == AccessRequestState.Pending ? $"{r.Id} · times out {When(r.PendingUntil)}" : r.Id,
            Tone = Tone(r.State),
        };
    }

    public static ChatCard Granted(AccessRequest r) => new()
    {
        Title = $"Access granted to {r.NodeName}",
        Text = (r.AutoApproved ? "Approved automatically by policy" : $"Approved by {r.DecidedBy}") +
               $". Your access to {NodeText(r)} is open until {When(r.ExpiresAt)}.",
        Fields = [new("Request", r.Id), new("Reason", r.Reason), new("Until", When(r.ExpiresAt))],
        Code = r.ConnectInstructions,
        Actions = r.AutoApproved ? [] : [new CardAction("revoke", "Revoke now", r.Id, CardActionStyle.Danger, "Your access and live sessions end now.")],
        Footer = "Sessions are ended when the window closes.",
        Tone = CardTone.Good,
    };

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
        Title = $"Access to {r.NodeName} denied",
        Text = $"{r.DecidedBy} denied request {r.Id}.",
        Fields = [new("Reason you gave", r.Reason)],
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
        AccessRequestState.Rejected => $"denied by {r.DecidedBy}",
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
