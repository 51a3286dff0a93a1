using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Files;

namespace ChatOpsJit.Host.Sandbox;

/// <summary>Nodes from the sandbox's YAML file; found by id or by Name tag.</summary>
public sealed class SandboxInventory(string path, ILogger<SandboxInventory> logger) : INodeInventory
{
    private readonly ReloadingFile<IReadOnlyList<Node>> _file = new(path, NodesFile.Parse, logger);

    public ValueTask<Node?> FindAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        var nodes = _file.Value;
        var node = nodes.FirstOrDefault(n => n.Id == idOrName) ??
                   nodes.FirstOrDefault(n => string.Equals(n.Name, idOrName, StringComparison.OrdinalIgnoreCase));
        return ValueTask.FromResult(node);
    }

    public ValueTask<IReadOnlyList<Node>> ListAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_file.Value);
}
