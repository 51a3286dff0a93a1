using System.Text.Json.Nodes;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Slack.BlockKit;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>The request modal's node picker (<c>block_suggestion</c>): nodes found by id, Name or tag, from the inventory's memory.</summary>
public sealed class SlackNodeOptions(INodeInventory inventory)
{
    private const int MaxOptions = 100;

    public async Task<JsonObject> SuggestAsync(JsonObject payload, CancellationToken ct)
    {
        var query = SlackPayload.Text(payload, "value") ?? "";
        var nodes = await inventory.SearchAsync(query, MaxOptions, ct).ConfigureAwait(false);
        return SlackViews.OptionsResponse(nodes.Select(n => (Describe(n), n.Id)));
    }

    private static string Describe(Node node) =>
        node.Display + (node.PingStatus == NodePingStatus.Online ? "" : $" · {node.PingStatus}") +
        (node.Account.Length > 0 ? $" · {node.Account}/{node.Region}" : "");
}
