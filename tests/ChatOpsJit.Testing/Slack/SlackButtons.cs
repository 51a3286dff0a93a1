using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>The buttons on a message the bot posted, and the block_actions payload Slack sends when one is clicked.</summary>
public static class SlackButtons
{
    /// <summary>The action id and value of the button for <paramref name="verb"/> in a message's current blocks.</summary>
    public static (string ActionId, string Value) Button(SlackPostedMessage message, string verb) =>
        Buttons(message.Blocks).FirstOrDefault(b => b.ActionId.StartsWith(verb + ":", StringComparison.Ordinal)) is { ActionId: not null } found
            ? found
            : throw new AssertionException($"no {verb} button on the message; it shows {string.Join(", ", Buttons(message.Blocks).Select(b => b.ActionId))}");

    /// <summary>Every button in blocks: (action_id, value).</summary>
    public static IEnumerable<(string ActionId, string Value)> Buttons(JsonArray? blocks) =>
        (blocks ?? []).OfType<JsonObject>().Where(b => (string?)b["type"] == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>())
            .Select(e => ((string)e["action_id"]!, (string)e["value"]!));

    /// <summary>What Slack posts to the app when <paramref name="userId"/> clicks the <paramref name="verb"/> button of a message.</summary>
    public static JsonObject Click(SlackStandIn slack, string userId, SlackPostedMessage message, string verb)
    {
        var (actionId, value) = Button(message, verb);
        return SlackPayloads.BlockActions(userId, actionId, value, slack.NewResponseUrl(message.Channel, message.Ts),
            slack.NewTriggerId(), message.Channel, message.Ts, messageBlocks: message.Blocks);
    }
}
