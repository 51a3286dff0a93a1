using ChatOpsJit.Core.Nodes;

namespace ChatOpsJit.Core.Ports;

/// <summary>The nodes people can ask for; possibly remote (AWS) and large, so lookups are bounded.</summary>
public interface INodeInventory
{
    /// <summary>Finds a node by id (<c>i-…</c>, <c>mi-…</c>) or by its Name tag: found, not found, or ambiguous (several share the name).</summary>
    ValueTask<NodeLookup> FindAsync(string idOrName, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> nodes that <see cref="NodeRules.MatchesSearch"/> finds for <paramref name="text"/>, for pickers.</summary>
    ValueTask<IReadOnlyList<Node>> SearchAsync(string text, int limit, CancellationToken cancellationToken = default);

    /// <summary>One page of nodes in a stable order; pass the previous page's <see cref="NodePage.Next"/> for the next.</summary>
    ValueTask<NodePage> ListAsync(int limit, string? after = null, CancellationToken cancellationToken = default);
}
