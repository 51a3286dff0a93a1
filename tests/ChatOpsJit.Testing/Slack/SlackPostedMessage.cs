using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>A message the bot posted into a channel, with every version it has had (the last is current).</summary>
public sealed record SlackPostedMessage(string Channel, string Ts, string? ThreadTs, IReadOnlyList<SlackMessageVersion> Versions, bool Deleted)
{
    public string? Text => Versions[^1].Text;

    public JsonArray? Blocks => Versions[^1].Blocks;

    /// <summary>How many times the message was changed after it was posted.</summary>
    public int UpdateCount => Versions.Count - 1;
}
