using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.BlockKit;

/// <summary>A message as chat.postMessage and chat.update take it: Block Kit blocks and the plain notification text.</summary>
public sealed record SlackMessage(string Text, JsonArray Blocks);
