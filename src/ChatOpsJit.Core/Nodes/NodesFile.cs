namespace ChatOpsJit.Core.Nodes;

/// <summary>The shape of the sandbox's <c>nodes.yaml</c>.</summary>
public sealed class NodesFile
{
    public List<NodeEntry> Nodes { get; set; } = [];

    /// <summary>One node in <c>nodes.yaml</c>.</summary>
    public sealed class NodeEntry
    {
        public string Id { get; set; } = "";
        public string? Name { get; set; }
        public string Account { get; set; } = "";
        public string Region { get; set; } = "";
        public string Platform { get; set; } = "";
        public Dictionary<string, string> Tags { get; set; } = [];
        public string PingStatus { get; set; } = "Online";
    }

    public static IReadOnlyList<Node> Parse(string yaml) => Serialization.Yaml.Read<NodesFile>(yaml).ToNodes();

    public IReadOnlyList<Node> ToNodes()
    {
        var nodes = Nodes.Select(n =>
        {
            if (!(n.Id.StartsWith("i-", StringComparison.Ordinal) || n.Id.StartsWith("mi-", StringComparison.Ordinal)))
            {
                throw new FormatException($"node id '{n.Id}' must start with i- or mi-");
            }

            var name = n.Name ?? n.Tags.GetValueOrDefault("Name") ?? n.Id;
            return new Node(n.Id, name, n.Account, n.Region, n.Platform, n.Tags, n.PingStatus);
        }).ToList();
        if (nodes.GroupBy(n => n.Id).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new FormatException($"node {twice.Key} is listed twice");
        }

        return nodes;
    }
}
