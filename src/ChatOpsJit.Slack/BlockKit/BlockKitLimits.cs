using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.BlockKit;

/// <summary>Where blocks are shown; Slack's limits differ (50 blocks in a message, 100 in a modal or the Home tab).</summary>
public enum BlockSurface { Message, Modal, Home }

/// <summary>Block Kit's published limits (chat-protocols.md section 5), checked the way Slack's API checks them.</summary>
public static class BlockKitLimits
{
    /// <summary>Every way <paramref name="blocks"/> breaks a limit, one line each; empty when Slack would accept them.</summary>
    public static IReadOnlyList<string> Problems(JsonArray blocks, BlockSurface surface) => throw new NotImplementedException();
}
