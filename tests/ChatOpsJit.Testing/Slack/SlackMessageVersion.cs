using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>What a message said at one point: as first posted, or after a chat.update or a response_url replace.</summary>
/// <param name="Source">The method that wrote this version: chat.postMessage, chat.update or response_url.</param>
public sealed record SlackMessageVersion(string? Text, JsonArray? Blocks, string Source, DateTimeOffset At);
