using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Core.Tests.Fakes;

/// <summary>Nodes in memory, found by id or Name tag.</summary>
public sealed class FakeNodeInventory : INodeInventory
{
    private readonly List<Node> _nodes = [];

    public Node Add(string id, string name, params (string Key, string Value)[] tags)
    {
        var all = tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        all["Name"] = name;
        var node = new Node(id, name, "111122223333", "eu-west-1", "Linux", all);
        _nodes.Add(node);
        return node;
    }

    public ValueTask<Node?> FindAsync(string idOrName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_nodes.FirstOrDefault(n => n.Id == idOrName || n.Name == idOrName));

    public ValueTask<IReadOnlyList<Node>> ListAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<Node>>(_nodes.ToList());
}
