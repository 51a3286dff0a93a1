namespace ChatOpsJit.Core.Nodes;

/// <summary>A managed node (EC2 instance or hybrid node) that people can ask to reach.</summary>
public sealed record Node(
    string Id,
    string Name,
    string Account,
    string Region,
    string Platform,
    IReadOnlyDictionary<string, string> Tags,
    NodePingStatus PingStatus = NodePingStatus.Online)
{
    public string Display => Name.Length > 0 && Name != Id ? $"{Name} ({Id})" : Id;
}
