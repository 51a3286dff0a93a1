using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Text;

namespace ChatOpsJit.Core.Notifications;

/// <summary>The cards the requester sees: the live grant and reminder DMs, and one-off notices.</summary>
public sealed partial record RequestCards
{
    /// <summary>The requester's DM once the grant is issued; its buttons last only while access is active.</summary>
    public ChatCard Granted(AccessRequest r)
    {
        if (r.State != AccessRequestState.Active)
        {
            return new ChatCard
            {
                Title = $"Access to {r.NodeName}: {StateTitle(r)}",
                Text = $"This grant is {StatusText(r)}.",
                Fields = [new("Request", r.Id), new("Reason", r.Reason)],
                Footer = "Ask again with /access if you still need it.",
                Tone = CardTone.Neutral,
            };
        }

        var actions = new List<CardAction>();
        if (CredentialsOnDemand && r.Bridge is null)
        {
            actions.Add(new CardAction(CardVerb.Credentials, "Get credentials", r.Id, CardAudience.Requester, CardActionStyle.Primary));
        }

        if (ExtensionRules.Offered(r))
        {
            actions.Add(new CardAction(CardVerb.Extend, "Extend", r.Id, CardAudience.Requester));
        }

        if (!r.AutoApproved || RevokeAutoApproved)
        {
            actions.Add(new CardAction(CardVerb.Revoke, "Revoke now", r.Id, CardAudience.Requester, CardActionStyle.Danger));
        }

        return new ChatCard
        {
            Title = $"Access to {r.NodeName}: {StateTitle(r)}",
            Text = (r.AutoApproved ? "Approved automatically by policy" : $"Approved by {DecidedBy(r)}") +
                   $". Your access to {NodeText(r)} is open until {When(r.ExpiresAt)}." +
                   (CredentialsOnDemand && r.Bridge is null ? " Get credentials shows, only to you, temporary credentials for this node." : ""),
            Fields = [new("Request", r.Id), new("Reason", r.Reason), new("Until", When(r.ExpiresAt))],
            Code = r.ConnectInstructions,
            Actions = actions,
            Footer = r.Bridge is { } bridge ? $"{bridge.System} enforces this window (request {bridge.ExternalId})." : "Sessions are ended when the window closes.",
            Tone = CardTone.Good,
        };
    }

    /// <summary>
    /// The <paramref name="number"/>-th reminder DM (1-based): it offers Extend while the end it announced still stands,
    /// and says what became of the grant afterwards.
    /// </summary>
    public ChatCard Reminder(AccessRequest r, int number)
    {
        var announced = r.RemindedFor[number - 1];
        if (r.State != AccessRequestState.Active || r.ExpiresAt != announced)
        {
            // Past news: the grant ended, or an extension moved the end this reminder announced.
            return new ChatCard
            {
                Title = r.State == AccessRequestState.Active ? $"Access to {r.NodeName} extended until {When(r.ExpiresAt)}" : $"Access to {r.NodeName}: {StateTitle(r)}",
                Text = $"This reminder announced the end at {When(announced)}.",
                Fields = [new("Request", r.Id), new("Node", NodeText(r))],
                Tone = CardTone.Neutral,
            };
        }

        var extendable = ExtensionRules.Offered(r);
        return new ChatCard
        {
            Title = $"Access to {r.NodeName} ends at {When(announced)}",
            Text = r.PendingExtension is { } e ? $"An extension of {DurationText.Format(e.By)} is waiting for approval."
                : extendable ? $"Need longer? Extend asks for more time (up to {DurationText.Format(ExtensionRules.Allowance(r))} more under policy '{r.PolicyName}')."
                : "Live sessions are ended when the window closes.",
            Fields = [new("Request", r.Id), new("Node", NodeText(r))],
            Actions = extendable ? [new CardAction(CardVerb.Extend, "Extend", r.Id, CardAudience.Requester, CardActionStyle.Primary)] : [],
            Tone = CardTone.Warning,
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

    /// <summary>What the requester's own card about the request shows now (the answer to their button presses).</summary>
    public ChatCard ForRequester(AccessRequest r) => r.ActivatedAt is not null ? Granted(r) : Status(r);

    public static ChatCard Ended(AccessRequest r) => new()
    {
        Title = r.State == AccessRequestState.Revoked ? $"Access to {r.NodeName} revoked" : $"Access to {r.NodeName} expired",
        Text = r.State == AccessRequestState.Revoked ? $"{DecidedBy(r)} revoked your access at {When(r.EndedAt)}. {Sessions(r.SessionsEnded)}"
            : r.ActivatedAt is null ? $"Your access was approved, but its window closed at {When(r.ExpiresAt)} before the grant could be issued. {Sessions(r.SessionsEnded)}"
            : $"Your access window closed at {When(r.EndedAt)}. {Sessions(r.SessionsEnded)}",
        Fields = r.SessionsNotEnded.Count == 0 ? [new("Request", r.Id), new("Node", NodeText(r))]
            : [new("Request", r.Id), new("Node", NodeText(r)), new("Sessions that could not be ended", string.Join("\n", r.SessionsNotEnded))],
        Footer = r.SessionsNotEnded.Count == 0 ? "Ask again with /access if you still need it."
            : "Some sessions could not be ended; close them yourself (exit) and tell your platform team. Ask again with /access if you still need it.",
        Tone = r.SessionsNotEnded.Count == 0 ? CardTone.Neutral : CardTone.Warning,
    };

    public static ChatCard Rejected(AccessRequest r) => new()
    {
        Title = $"Access to {r.NodeName} rejected",
        Text = $"{DecidedBy(r)} rejected request {r.Id}" + (r.RejectionReason is { } why ? $": \u201c{why}\u201d" : "."),
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

    /// <summary>The policies contradict each other: the requester hears which, as in JITNA, and that an administrator must fix them.</summary>
    public static ChatCard Conflict(AccessRequest r) => new()
    {
        Title = $"Access request {r.Id} for {r.NodeName} failed: the policies conflict",
        Text = r.StateReason ?? "",
        Fields = [new("Policies", r.PolicyName ?? "-"), new("Reason you gave", r.Reason)],
        Footer = "Ask an administrator to change one of the policies, then ask again.",
        Tone = CardTone.Bad,
    };

    public static ChatCard Extended(AccessRequest r, AccessExtension extension) => new()
    {
        Title = $"Access to {r.NodeName} extended until {When(r.ExpiresAt)}",
        Text = (extension.DecidedBy == PolicyActor ? $"Policy '{r.PolicyName}' extends access at once" : $"{People.Display(extension.DecidedByName, extension.DecidedBy)} approved the extension") +
               $": {DurationText.Format(extension.By)} more, {DurationText.Format(r.GrantedDuration)} in all.",
        Fields = [new("Request", r.Id), new("Until", When(r.ExpiresAt))],
        Tone = CardTone.Good,
    };

    public static ChatCard ExtensionRejected(AccessRequest r, AccessExtension extension) => new()
    {
        Title = $"Extension of your access to {r.NodeName} rejected",
        Text = $"{People.Display(extension.DecidedByName, extension.DecidedBy)} rejected the extension" +
               (extension.RejectionReason is { } why ? $": \u201c{why}\u201d." : ".") + $" Your access still ends at {When(r.ExpiresAt)}.",
        Fields = [new("Request", r.Id)],
        Tone = CardTone.Bad,
    };

    /// <summary>Who decides an extension that an <c>auto</c> policy grants.</summary>
    public const string PolicyActor = "policy";

    private static string Sessions(int count) => count switch
    {
        0 => "No sessions were open.",
        1 => "1 live session was ended.",
        _ => $"{count} live sessions were ended.",
    };
}
