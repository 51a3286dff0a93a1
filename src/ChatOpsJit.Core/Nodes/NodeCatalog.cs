namespace ChatOpsJit.Core.Nodes;

/// <summary>
/// An immutable, indexed set of nodes that answers every inventory question from memory: lookups by id or Name, picker
/// searches and stable pages. Inventories (the sandbox's file, AWS's listing) build one and swap it whole.
/// </summary>
public sealed class NodeCatalog
{
    private readonly Node[] _byId;
    private readonly Dictionary<string, Node> _ids;
    private readonly Dictionary<string, Node[]> _names;

    public NodeCatalog(IEnumerable<Node> nodes)
    {
        // The first of a repeated id wins, as an exact id names one node.
        _ids = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            _ids.TryAdd(node.Id, node);
        }

        _byId = _ids.Values.OrderBy(n => n.Id, StringComparer.Ordinal).ToArray();
        _names = _byId.Where(n => n.Name.Length > 0).GroupBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public static NodeCatalog Empty { get; } = new([]);

    public int Count => _byId.Length;

    /// <summary>Every node, in id order.</summary>
    public IReadOnlyList<Node> Nodes => _byId;

    /// <summary>An exact id wins, then a unique Name (case-insensitive); several nodes sharing the Name are ambiguous.</summary>
    public NodeLookup Find(string idOrName) =>
        _ids.TryGetValue(idOrName, out var node) ? new NodeLookup.Found(idOrName, node)
        : _names.TryGetValue(idOrName, out var named) ? named.Length == 1 ? new NodeLookup.Found(idOrName, named[0]) : new NodeLookup.Ambiguous(idOrName, named)
        : new NodeLookup.NotFound(idOrName);

    /// <summary>Up to <paramref name="limit"/> nodes that <see cref="NodeRules.MatchesSearch"/> finds, by Name then id.</summary>
    public IReadOnlyList<Node> Search(string text, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _byId.Where(n => NodeRules.MatchesSearch(n, text))
            .OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ThenBy(n => n.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    /// <summary>One page in id order; the page token is the last id shown, so pages stay stable across reloads.</summary>
    public NodePage List(int limit, string? after)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var start = 0;
        if (after is not null)
        {
            start = Array.BinarySearch(_byId, after, IdComparer.Instance);
            start = start >= 0 ? start + 1 : ~start;
        }

        var page = _byId.Skip(start).Take(limit).ToList();
        return new NodePage(page, start + limit < _byId.Length ? page[^1].Id : null);
    }

    private sealed class IdComparer : IComparer<object>
    {
        public static readonly IdComparer Instance = new();

        public int Compare(object? x, object? y) => string.CompareOrdinal(Id(x), Id(y));

        private static string? Id(object? value) => value as string ?? (value as Node)?.Id;
    }
}
