using ChatOpsJit.Core.Nodes;

namespace ChatOpsJit.Core.Ports;

/// <summary>The nodes people can ask for.</summary>
public interface INodeInventory
{
    /// <summary>Finds a node by id (<c>i-…</c>, <c>mi-…</c>) or by its Name tag; null when there is no such node.</summary>
    ValueTask<Node?> FindAsync(string idOrName, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<Node>> ListAsync(CancellationToken cancellationToken = default);
}
