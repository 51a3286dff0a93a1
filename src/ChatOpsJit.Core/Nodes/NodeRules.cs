using ChatOpsJit.Core.Text;

namespace ChatOpsJit.Core.Nodes;

/// <summary>Which nodes can be asked for, and the one-line answers when one cannot.</summary>
public static class NodeRules
{
    /// <summary>True for text shaped like a managed node id (<c>i-…</c>, <c>mi-…</c>), which is surely meant as a node.</summary>
    public static bool LooksLikeId(string text) => text.StartsWith("i-", StringComparison.Ordinal) || text.StartsWith("mi-", StringComparison.Ordinal);

    public static string NotFound(string name) =>
        $"there is no node '{Quoted.Shorten(name)}'; name a node by its id (i-…, mi-…) or its Name tag.";

    public static string Ambiguous(NodeLookup.Ambiguous lookup) =>
        $"'{Quoted.Shorten(lookup.Query)}' names {lookup.Candidates.Count} nodes: " +
        string.Join(", ", lookup.Candidates.Take(5).Select(n => n.Display)) + (lookup.Candidates.Count > 5 ? ", …" : "") +
        $"; name one by its id, e.g. access {lookup.Candidates[0].Id} <reason>.";

    // Access to a node Systems Manager cannot reach would open nothing, and JITNA refuses it too.
    public static string NotOnline(Node node) =>
        $"{node.Display} is {Words(node.PingStatus)}, so Systems Manager cannot reach it and access would not work; ask again once it is online.";

    private static string Words(NodePingStatus status) => status switch
    {
        NodePingStatus.ConnectionLost => "not connected (connection lost)",
        NodePingStatus.Inactive => "inactive",
        _ => status.ToString(),
    };

    /// <summary>
    /// Whether a picker's search text finds <paramref name="node"/>: part of its id or Name, part of a tag's value, or
    /// <c>Key=value</c> naming a tag; empty text finds every node. Every inventory searches this way.
    /// </summary>
    public static bool MatchesSearch(Node node, string text)
    {
        var query = text.Trim();
        if (query.Length == 0 || node.Id.Contains(query, StringComparison.OrdinalIgnoreCase) || node.Name.Contains(query, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var equals = query.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            var key = query[..equals].Trim();
            var value = query[(equals + 1)..].Trim();
            return node.Tags.Any(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase) && t.Value.Contains(value, StringComparison.OrdinalIgnoreCase));
        }

        return node.Tags.Values.Any(v => v.Contains(query, StringComparison.OrdinalIgnoreCase));
    }
}
