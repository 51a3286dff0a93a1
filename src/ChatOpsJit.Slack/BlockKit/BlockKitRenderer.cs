using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Slack.BlockKit;

/// <summary>Draws a <see cref="ChatCard"/> as a Slack message that Slack's limits always accept, and reads its buttons back.</summary>
/// <remarks>A sensitive card is drawn the same way: the adapter sends it only ephemerally, and nothing here logs.</remarks>
public static class BlockKitRenderer
{
    /// <summary>
    /// The card as blocks plus its notification text. Only <paramref name="mentionedUserIds"/> that are valid Slack user
    /// ids are written as mentions; every text of the card is escaped, so nothing in it can mention or link anyone.
    /// </summary>
    public static SlackMessage Render(ChatCard card, IReadOnlyList<string> mentionedUserIds)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(mentionedUserIds);
        return new SlackMessage(FallbackText(card), Blocks(card, mentionedUserIds, blockIdPrefix: ""));
    }

    /// <summary>
    /// Reads a pressed button back: <paramref name="verb"/> is the wire name before the first ':' of the action_id, and
    /// <paramref name="requestId"/> the value, which must equal the rest of the action_id; false for anything else.
    /// </summary>
    /// <remarks>Both come from the client: the caller still looks the request up and checks who pressed.</remarks>
    public static bool TryReadAction(string actionId, string? value, out string verb, out string requestId) =>
        SlackActionIds.TryRead(actionId, value, out verb, out requestId);

    /// <summary>The card's blocks, at most a message's 50; <paramref name="blockIdPrefix"/> keeps ids unique when several cards share a view.</summary>
    internal static JsonArray Blocks(ChatCard card, IReadOnlyList<string> mentionedUserIds, string blockIdPrefix)
    {
        var parts = new List<CardPart> { new(CardBlocks.Header(card), CardPartKind.Header) };
        Add(parts, CardBlocks.Text(card), CardPartKind.Text);
        parts.AddRange(CardBlocks.FieldSections(card).Select(b => new CardPart(b, CardPartKind.Fields)));
        Add(parts, CardBlocks.Code(card), CardPartKind.Code);
        Add(parts, CardBlocks.Mentions(mentionedUserIds), CardPartKind.Mentions);
        parts.AddRange(CardBlocks.ActionBlocks(card, blockIdPrefix).Select(b => new CardPart(b, CardPartKind.Actions)));
        Add(parts, CardBlocks.Footer(card), CardPartKind.Footer);
        return CardPart.Fit(parts, BlockKitLimits.MessageBlocks);
    }

    /// <summary>The notification text (Slack parses it as mrkdwn): the title, then ": " and the text when there is one.</summary>
    internal static string FallbackText(ChatCard card)
    {
        var raw = SlackText.IsBlank(card.Text) ? CardBlocks.Title(card) : $"{CardBlocks.Title(card)}: {card.Text}";
        return SlackText.EscapeWithin(raw, BlockKitLimits.TextObject);
    }

    private static void Add(List<CardPart> parts, JsonObject? block, CardPartKind kind)
    {
        if (block is not null)
        {
            parts.Add(new CardPart(block, kind));
        }
    }
}
