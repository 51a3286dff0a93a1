using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Core.Tests.Fakes;

/// <summary>Nodes in memory, found by id or Name tag.</summary>
public sealed class FakeNodeInventory : INodeInventory
{
    private readonly List<Node> _nodes = [];

    public Node Add(string id, string name, params (string Key, string Value)[] tags) => Add(id, name, NodePingStatus.Online, tags);

    public Node Add(string id, string name, NodePingStatus status, params (string Key, string Value)[] tags)
    {
        var all = tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        all["Name"] = name;
        var node = new Node(id, name, "111122223333", "eu-west-1", "Linux", all, status);
        _nodes.Add(node);
        return node;
    }

    public ValueTask<NodeLookup> FindAsync(string idOrName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new NodeCatalog(_nodes).Find(idOrName));

    public ValueTask<IReadOnlyList<Node>> SearchAsync(string text, int limit, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<Node>>(_nodes.Where(n => n.Name.Contains(text, StringComparison.OrdinalIgnoreCase)).Take(limit).ToList());

    public ValueTask<NodePage> ListAsync(int limit, string? after = null, CancellationToken cancellationToken = default)
    {
        var rest = _nodes.Where(n => after is null || string.CompareOrdinal(n.Id, after) > 0).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        var page = rest.Take(limit).ToList();
        return ValueTask.FromResult(new NodePage(page, rest.Count > limit ? page[^1].Id : null));
    }
}
