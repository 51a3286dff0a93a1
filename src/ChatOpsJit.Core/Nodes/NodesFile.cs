namespace ChatOpsJit.Core.Nodes;

/// <summary>The shape of the sandbox's <c>nodes.yaml</c>.</summary>
public sealed class NodesFile
{
    // YAML turns an empty key into null whatever the declared type, so every list and field below may be null.
    public List<NodeEntry?>? Nodes { get; set; } = [];

    /// <summary>One node in <c>nodes.yaml</c>.</summary>
    public sealed class NodeEntry
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Account { get; set; }
        public string? Region { get; set; }
        public string? Platform { get; set; }
        public Dictionary<string, string?>? Tags { get; set; }
        public string? PingStatus { get; set; }
    }

    public static IReadOnlyList<Node> Parse(string yaml) => Serialization.Yaml.Read<NodesFile>(yaml).ToNodes();

    public IReadOnlyList<Node> ToNodes()
    {
        if (Nodes is null or { Count: 0 })
        {
            throw new FormatException("the inventory lists no nodes (is 'nodes:' empty?)");
        }

        var pool = new NodeStringPool();
        var nodes = Nodes.Select((n, index) =>
        {
            if (n is null)
            {
                throw new FormatException($"node entry {index + 1} under 'nodes' is empty");
            }

            var id = n.Id ?? "";
            if (!(id.StartsWith("i-", StringComparison.Ordinal) || id.StartsWith("mi-", StringComparison.Ordinal)))
            {
                throw new FormatException($"node id '{id}' must start with i- or mi-");
            }

            var tags = pool.Tags((n.Tags ?? []).Select(t => KeyValuePair.Create(t.Key, t.Value ?? "")).ToList());
            var name = pool.Get(n.Name ?? tags.GetValueOrDefault("Name") ?? id);
            return new Node(id, name, pool.Get(n.Account ?? ""), pool.Get(n.Region ?? ""), pool.Get(n.Platform ?? ""), tags, PingStatus(id, n.PingStatus));
        }).ToList();
        if (nodes.GroupBy(n => n.Id).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new FormatException($"node {twice.Key} is listed twice");
        }

        return nodes;
    }

    // Input that does not parse is an error, never silently read as Online.
    private static NodePingStatus PingStatus(string id, string? text)
    {
        if (text is null)
        {
            return NodePingStatus.Online;
        }

        foreach (var status in Enum.GetValues<NodePingStatus>())
        {
            if (string.Equals(text.Trim(), status.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }

        throw new FormatException($"node {id} has pingStatus '{text}'; use one of {string.Join(", ", Enum.GetNames<NodePingStatus>())}");
    }
}
