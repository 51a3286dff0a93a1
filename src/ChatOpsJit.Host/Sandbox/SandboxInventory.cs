using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Files;

namespace ChatOpsJit.Host.Sandbox;

/// <summary>Nodes from the sandbox's YAML file; found by id or by Name tag, listed in id order.</summary>
public sealed class SandboxInventory(string path, ILogger<SandboxInventory> logger) : INodeInventory
{
    // From this many nodes on, reading the file leaves garbage several times the catalog's size (the file's text, the YAML
    // reader's objects); a 100,000-node file left the process at over 400 MB resident until the next full collection.
    private const int LargeInventory = 10_000;

    private readonly ReloadingFile<NodeCatalog> _file = new(path, Load, logger);

    private static NodeCatalog Load(string text)
    {
        var catalog = new NodeCatalog(NodesFile.Parse(text));
        if (catalog.Count >= LargeInventory)
        {
            // Once per (re)load of a large file: compact and hand the freed pages back, so resident memory is the catalog's.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        return catalog;
    }

    public ValueTask<NodeLookup> FindAsync(string idOrName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_file.Value.Find(idOrName));

    public ValueTask<IReadOnlyList<Node>> SearchAsync(string text, int limit, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_file.Value.Search(text, limit));

    public ValueTask<NodePage> ListAsync(int limit, string? after = null, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_file.Value.List(limit, after));
}
