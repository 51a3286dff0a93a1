using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsJit.Core.Notifications;
using static ChatOpsJit.Slack.BlockKit.BlockKitLimits;

namespace ChatOpsJit.Slack.BlockKit;

/// <summary>
/// Each part of a <see cref="ChatCard"/> as Block Kit blocks, within Slack's limits. Every string of the card is user
/// text: it is escaped, and mrkdwn is verbatim so nothing in it becomes a link, a mention or a channel name.
/// </summary>
internal static partial class CardBlocks
{
    /// <summary>Shown for a card whose title is blank, since Slack refuses an empty header.</summary>
    public const string Untitled = CardWording.Untitled;

    private const string EmptyValue = CardWording.EmptyValue;
    private const string Fence = "```";
    // A label is short by nature; the cap leaves the value most of a field's room.
    private const int LabelRoom = 500;
    private const string MentionPrefix = CardWording.MentionPrefix;

    public static string Title(ChatCard card) => SlackText.IsBlank(card.Title) ? Untitled : card.Title;

    public static JsonObject Header(ChatCard card)
    {
        var emoji = card.Tone.Sign();
        var text = emoji.Length == 0 ? Title(card) : $"{emoji} {Title(card)}";
        return new JsonObject { ["type"] = "header", ["text"] = SlackText.PlainText(text, HeaderText) };
    }

    public static JsonObject? Text(ChatCard card) =>
        SlackText.IsBlank(card.Text) ? null : Section(SlackText.EscapeWithin(card.Text, SectionText));

    public static IEnumerable<JsonObject> FieldSections(ChatCard card) =>
        card.Fields.Chunk(SectionFields).Select(chunk => new JsonObject
        {
            ["type"] = "section",
            ["fields"] = new JsonArray(chunk.Select(f => (JsonNode)SlackText.Mrkdwn(Field(f), FieldText)).ToArray()),
        });

    // "*label*\nvalue", the label bold; a blank part is left out rather than drawn as a stray "**".
    private static string Field(CardField field)
    {
        var label = SlackText.IsBlank(field.Label) ? "" : $"*{SlackText.EscapeWithin(field.Label.Trim(), LabelRoom)}*\n";
        var value = SlackText.IsBlank(field.Value) ? EmptyValue : field.Value;
        return label + SlackText.EscapeWithin(value, FieldText - label.Length);
    }

    /// <remarks>
    /// A run of three backticks in the code would close the fence early and turn the rest into mrkdwn, so its backticks
    /// become U+02CB (ˋ), which looks alike. A look-alike, not an invisible zero-width space, so a pasted command that
    /// contained one fails where the reader can see why; the code stays monospace and escaped like every other text.
    /// </remarks>
    public static JsonObject? Code(ChatCard card)
    {
        if (SlackText.IsBlank(card.Code))
        {
            return null;
        }

        var code = FenceRun().Replace(card.Code, run => new string('\u02CB', run.Length));
        var room = SectionText - (Fence.Length + 1) * 2;
        return Section($"{Fence}\n{SlackText.EscapeWithin(code, room)}\n{Fence}");
    }

    /// <summary>"For: &lt;@U1&gt; &lt;@U2&gt;": only valid user ids, each once, as many as one context element holds.</summary>
    public static JsonObject? Mentions(IReadOnlyList<string> userIds)
    {
        var valid = userIds.Where(SlackUserIds.IsValid).Distinct(StringComparer.Ordinal).ToList();
        if (valid.Count == 0)
        {
            return null;
        }

        var text = MentionPrefix;
        var shown = 0;
        foreach (var id in valid)
        {
            var mention = (shown == 0 ? "" : " ") + $"<@{id}>";
            // Keep room for the " and N more" that tells how many did not fit.
            if (text.Length + mention.Length + MoreText(valid.Count).Length > TextObject)
            {
                break;
            }
            text += mention;
            shown++;
        }

        if (shown < valid.Count)
        {
            text += MoreText(valid.Count - shown);
        }
        return shown == 0 ? null : Context(text);
    }

    private static string MoreText(int count) => $" and {count} more";

    /// <summary>The buttons, 25 to an actions block; a button Slack could not carry (no request id) or a repeat is left out.</summary>
    public static IEnumerable<JsonObject> ActionBlocks(ChatCard card, string blockIdPrefix)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var buttons = new List<JsonObject>();
        foreach (var action in card.Actions)
        {
            if (SlackActionIds.For(action.Verb, action.RequestId) is { } actionId && seen.Add(actionId))
            {
                buttons.Add(Button(action, actionId));
            }
        }

        return buttons.Chunk(ActionsElements).Select((chunk, n) => new JsonObject
        {
            ["type"] = "actions",
            ["block_id"] = $"{blockIdPrefix}actions-{n + 1}",
            ["elements"] = new JsonArray(chunk.Select(b => (JsonNode)b).ToArray()),
        });
    }

    // No confirm dialog: a verb that needs confirming is answered by the core with a prompt, opened as a modal.
    private static JsonObject Button(CardAction action, string actionId)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["value"] = action.RequestId,
            ["text"] = SlackText.PlainText(SlackText.IsBlank(action.Label) ? action.Verb.WireName() : action.Label, ButtonText),
        };
        var style = action.Style switch
        {
            CardActionStyle.Primary => "primary",
            CardActionStyle.Danger => "danger",
            _ => null,
        };
        if (style is not null)
        {
            button["style"] = style;
        }
        return button;
    }

    public static JsonObject? Footer(ChatCard card) =>
        SlackText.IsBlank(card.Footer) ? null : Context(SlackText.EscapeWithin(card.Footer, TextObject));

    /// <summary>A one-element context block of escaped mrkdwn.</summary>
    public static JsonObject Context(string escapedMrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(SlackText.Mrkdwn(escapedMrkdwn, TextObject)),
    };

    private static JsonObject Section(string escapedMrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = SlackText.Mrkdwn(escapedMrkdwn, SectionText),
    };

    [GeneratedRegex("`{3,}", RegexOptions.CultureInvariant)]
    private static partial Regex FenceRun();
}
