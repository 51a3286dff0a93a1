using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Teams.Cards;

/// <summary>A card's buttons as Universal Actions (Action.Execute) with an Action.Submit fallback, and its refresh clause.</summary>
/// <remarks>
/// Teams' guidance for older clients: give every Action.Execute an Action.Submit <c>fallback</c> (and handle both), and
/// wrap the actions in an ActionSet in the body, since some older clients ignore <c>fallback</c> at the card's top-level
/// <c>actions</c>. Both carry only the request id (and the verb): who may press is decided at click time.
/// </remarks>
internal static class CardButtons
{
    /// <summary>The verb of a refresh, and of a prompt's Cancel: the bot answers it with the card as it stands.</summary>
    public const string RefreshVerb = "refresh";

    /// <summary>
    /// The buttons <paramref name="rendering"/> shows, each (verb, request) once, in ActionSets of at most
    /// <see cref="CardLimits.ButtonsPerSet"/>, and how many were left out past <see cref="CardLimits.MaxButtons"/>. A button whose
    /// request id is no id (blank, huge, not printable ASCII) is left out, as Slack leaves out one it cannot carry.
    /// </summary>
    public static (List<JsonObject> Sets, int LeftOut) ActionSets(ChatCard card, CardRendering rendering, CardLimits limits)
    {
        var seen = new HashSet<(CardVerb, string)>();
        var buttons = new List<JsonObject>();
        foreach (var action in card.Actions)
        {
            var shown = action.Audience == CardAudience.Requester || rendering.ShowApproverButtons;
            if (shown && CardLimits.IsId(action.RequestId) && seen.Add((action.Verb, action.RequestId)))
            {
                var label = TeamsText.IsBlank(action.Label) ? action.Verb.WireName() : string.Join(' ', TeamsText.Lines(action.Label.Trim()));
                buttons.Add(Execute(TeamsText.Truncate(label, limits.Button), action.Verb.WireName(), new JsonObject { ["requestId"] = action.RequestId }, Style(action.Style)));
            }
        }

        var sets = buttons.Take(CardLimits.MaxButtons).Chunk(CardLimits.ButtonsPerSet).Select(AdaptiveElements.ActionSet).ToList();
        return (sets, Math.Max(buttons.Count - CardLimits.MaxButtons, 0));
    }

    public static string? Style(CardActionStyle style) => style switch
    {
        CardActionStyle.Primary => "positive",
        CardActionStyle.Danger => "destructive",
        _ => null,
    };

    /// <summary>
    /// An Action.Execute (<paramref name="verb"/>, <paramref name="data"/>) whose fallback is the Action.Submit an older
    /// client sends instead: the same title and style, its data the same plus <c>verb</c>, since a submit has no verb.
    /// </summary>
    /// <param name="title">The label, not yet neutralized.</param>
    /// <param name="associatedInputs"><c>none</c> for a button that must not send (or wait for) the card's inputs, such as Cancel.</param>
    public static JsonObject Execute(string title, string verb, JsonObject data, string? style, string? associatedInputs = null)
    {
        var shown = TeamsText.Run(title);
        var submitData = new JsonObject { ["verb"] = verb };
        foreach (var (key, value) in data)
        {
            submitData[key] = value?.DeepClone();
        }

        var submit = Action("Action.Submit", shown, submitData, style, associatedInputs);
        var execute = Action("Action.Execute", shown, data, style, associatedInputs);
        execute.Insert(2, "verb", verb);
        execute["fallback"] = submit;
        return execute;
    }

    /// <summary>
    /// The refresh clause for <see cref="CardRendering.RefreshUserIds"/> (the first <see cref="CardRendering.MaxRefreshUsers"/>
    /// valid ones, each once), asking about the one request the card's buttons name, else
    /// <see cref="CardRendering.RefreshRequestId"/>; null when there is no such request, or no users in a view that hides no button.
    /// </summary>
    public static JsonObject? Refresh(ChatCard card, CardRendering rendering)
    {
        var users = rendering.RefreshUserIds.Where(CardLimits.IsId).Distinct(StringComparer.Ordinal).Take(CardRendering.MaxRefreshUsers).ToList();
        var requests = card.Actions.Select(a => a.RequestId).Where(CardLimits.IsId).Distinct(StringComparer.Ordinal).ToList();
        // Buttons for several requests name none of them for the whole card: refreshing with one would redraw it as that one.
        var requestId = requests.Count == 1 ? requests[0] : CardLimits.IsId(rendering.RefreshRequestId) ? rendering.RefreshRequestId : null;
        // A view that hides the approvers' buttons keeps a refresh even with nobody listed: Teams then offers "Refresh card"
        // in the message menu, so an approver it could not name automatically still gets their own view.
        if (requestId is null || (users.Count == 0 && rendering.ShowApproverButtons))
        {
            return null;
        }

        // Refresh has no fallback: a client without Universal Actions just shows the card as sent.
        return new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["title"] = "Refresh",
                ["verb"] = RefreshVerb,
                ["data"] = new JsonObject { ["requestId"] = requestId },
            },
            ["userIds"] = AdaptiveElements.Array(users.Select(u => (JsonNode)JsonValue.Create(u))),
        };
    }

    private static JsonObject Action(string type, string title, JsonObject data, string? style, string? associatedInputs)
    {
        var action = new JsonObject { ["type"] = type, ["title"] = title, ["data"] = data };
        if (style is not null)
        {
            action["style"] = style;
        }
        if (associatedInputs is not null)
        {
            action["associatedInputs"] = associatedInputs;
        }
        return action;
    }
}
