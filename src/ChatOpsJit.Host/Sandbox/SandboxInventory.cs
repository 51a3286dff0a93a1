using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Files;

namespace ChatOpsJit.Host.Sandbox;

/// <summary>Nodes from the sandbox's YAML file; found by id or by Name tag, listed in id order.</summary>
public sealed class SandboxInventory(string path, ILogger<SandboxInventory> logger) : INodeInventory
{
    private readonly ReloadingFile<IReadOnlyList<Node>> _file = new(path, NodesFile.Parse, logger);

    public ValueTask<NodeLookup> FindAsync(string idOrName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(NodeLookup.In(_file.Value, idOrName));

    public ValueTask<IReadOnlyList<Node>> SearchAsync(string text, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        IReadOnlyList<Node> found = _file.Value
            .Where(n => NodeRules.MatchesSearch(n, text))
            .OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ThenBy(n => n.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
        return ValueTask.FromResult(found);
    }

    public ValueTask<NodePage> ListAsync(int limit, string? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        // The page token is the last id shown; ids are unique, so the order is stable across pages and reloads.
        var rest = _file.Value.Where(n => after is null || string.CompareOrdinal(n.Id, after) > 0).OrderBy(n => n.Id, StringComparer.Ordinal).Take(limit + 1).ToList();
        var page = rest.Take(limit).ToList();
        return ValueTask.FromResult(new NodePage(page, rest.Count > limit ? page[^1].Id : null));
    }
}
