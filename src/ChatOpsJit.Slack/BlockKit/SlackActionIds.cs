using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Slack.BlockKit;

/// <summary>
/// A button's <c>action_id</c> is <c>{verb}:{requestId}</c> and its <c>value</c> the request id: the verb makes the id
/// unique in a block even when a card carries buttons for several requests, and the value must repeat the id.
/// </summary>
internal static class SlackActionIds
{
    public const char Separator = ':';

    /// <summary>The action_id of a button, or null when Slack could not carry it (no request id, or too long).</summary>
    public static string? For(CardVerb verb, string requestId)
    {
        if (string.IsNullOrWhiteSpace(requestId))
        {
            return null;
        }

        var id = $"{verb.WireName()}{Separator}{requestId}";
        return id.Length <= BlockKitLimits.ActionId && requestId.Length <= BlockKitLimits.ButtonValue ? id : null;
    }

    // Both fields come back from the client, so each must match what For writes, byte for byte.
    public static bool TryRead(string? actionId, string? value, out string verb, out string requestId)
    {
        verb = "";
        requestId = "";
        var at = actionId?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        if (actionId is null || at <= 0 || string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var verbPart = actionId[..at];
        var requestPart = actionId[(at + 1)..];
        // The core's vocabulary, written exactly as For writes it: a button whose id was edited in any way is not ours.
        if (!CardVerbs.TryParse(verbPart, out var known) || known.WireName() != verbPart || !string.Equals(requestPart, value, StringComparison.Ordinal))
        {
            return false;
        }

        verb = verbPart;
        requestId = value;
        return true;
    }
}
