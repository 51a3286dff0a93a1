using System.Text.Json.Nodes;
using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Slack.BlockKit;
using ChatOpsJit.Slack.WebApi;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>Answers only the person who asked: a command's ack body, or a <c>response_url</c> message, from a core card.</summary>
public static class SlackReplies
{
    /// <summary>The ack body of a command, shown ephemerally.</summary>
    public static JsonObject Ephemeral(ChatCard card)
    {
        var message = BlockKitRenderer.Render(card, []);
        return new JsonObject { ["response_type"] = "ephemeral", ["text"] = message.Text, ["blocks"] = message.Blocks };
    }

    /// <summary>One line as a card, for answers that are only a sentence, worded as the core words its own.</summary>
    public static ChatCard Line(string text, bool problem = false) => (problem ? CommandReply.Error(text) : CommandReply.Info(text)).Card;

    /// <summary>The same card through a <c>response_url</c>, never replacing the message the button sat on.</summary>
    public static ResponseUrlMessage Later(ChatCard card)
    {
        var message = BlockKitRenderer.Render(card, []);
        return new ResponseUrlMessage(message.Text, message.Blocks);
    }
}
