using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>An ephemeral message (chat.postEphemeral): shown to one user in a channel, never stored in its history.</summary>
public sealed record SlackEphemeralMessage(string Channel, string User, string MessageTs, string? Text, JsonArray? Blocks);
