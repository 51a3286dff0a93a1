using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Files;

namespace ChatOpsJit.Host.Sandbox;

/// <summary>Nodes from the sandbox's YAML file; found by id or by Name tag, listed in id order.</summary>
public sealed class SandboxInventory(string path, ILogger<SandboxInventory> logger) : INodeInventory
{
    private readonly ReloadingFile<NodeCatalog> _file = new(path, text => new NodeCatalog(NodesFile.Parse(text)), logger);

    public ValueTask<NodeLookup> FindAsync(string idOrName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_file.Value.Find(idOrName));

    public ValueTask<IReadOnlyList<Node>> SearchAsync(string text, int limit, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_file.Value.Search(text, limit));

    public ValueTask<NodePage> ListAsync(int limit, string? after = null, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_file.Value.List(limit, after));
}
