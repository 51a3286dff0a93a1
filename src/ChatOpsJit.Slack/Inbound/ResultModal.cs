using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Slack.BlockKit;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>A card shown to one person in a modal: the answer to a press where there is no conversation to answer in (App Home).</summary>
public static class ResultModal
{
    public static JsonObject For(ChatCard card) => new()
    {
        ["type"] = "modal",
        ["title"] = SlackText.PlainText("ChatOpsJit", 24),
        ["close"] = SlackText.PlainText("Close", 24),
        ["blocks"] = BlockKitRenderer.Render(card, []).Blocks,
    };
}
