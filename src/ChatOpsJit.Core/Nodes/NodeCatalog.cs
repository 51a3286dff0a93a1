namespace ChatOpsJit.Core.Nodes;

/// <summary>
/// An immutable, indexed set of nodes that answers every inventory question from memory: lookups by id or Name, picker
/// searches and stable pages. Inventories (the sandbox's file, AWS's listing) build one and swap it whole.
/// </summary>
public sealed class NodeCatalog
{
    // Two sorted arrays searched by halving, not two dictionaries: for a 100,000-node fleet, the dictionaries' entries and
    // buckets and one array per Name came to 11 MB, against 0.4 MB for the Name order's indexes. A lookup costs about 17
    // string comparisons, which is nothing beside the request it serves.
    private readonly Node[] _byId;
    private readonly int[] _byName;

    public NodeCatalog(IEnumerable<Node> nodes)
    {
        // A stable sort keeps the first of a repeated id first, and the first wins, as an exact id names one node.
        var sorted = nodes.OrderBy(n => n.Id, StringComparer.Ordinal).ToArray();
        var kept = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (kept == 0 || !string.Equals(sorted[kept - 1].Id, sorted[i].Id, StringComparison.Ordinal))
            {
                sorted[kept++] = sorted[i];
            }
        }

        Array.Resize(ref sorted, kept);
        _byId = sorted;
        // Nodes sharing a Name stay in id order: the stable sort keeps the order of the id-sorted array.
        _byName = Enumerable.Range(0, _byId.Length).Where(i => _byId[i].Name.Length > 0)
            .OrderBy(i => _byId[i].Name, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    public static NodeCatalog Empty { get; } = new([]);

    public int Count => _byId.Length;

    /// <summary>Every node, in id order.</summary>
    public IReadOnlyList<Node> Nodes => _byId;

    /// <summary>An exact id wins, then a unique Name (case-insensitive); several nodes sharing the Name are ambiguous.</summary>
    public NodeLookup Find(string idOrName)
    {
        var at = IndexOfId(idOrName);
        if (at >= 0)
        {
            return new NodeLookup.Found(idOrName, _byId[at]);
        }

        var (first, count) = NameRun(idOrName);
        if (count <= 1)
        {
            return count == 1 ? new NodeLookup.Found(idOrName, _byId[_byName[first]]) : new NodeLookup.NotFound(idOrName);
        }

        var candidates = new Node[count];
        for (var i = 0; i < count; i++)
        {
            candidates[i] = _byId[_byName[first + i]];
        }

        return new NodeLookup.Ambiguous(idOrName, candidates);
    }

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
            start = IndexOfId(after);
            start = start >= 0 ? start + 1 : ~start;
        }

        var page = _byId.Skip(start).Take(limit).ToList();
        return new NodePage(page, start + limit < _byId.Length ? page[^1].Id : null);
    }

    // The index when found, else the complement of where the id would go (Array.BinarySearch's contract).
    private int IndexOfId(string id) => _byId.AsSpan().BinarySearch(new IdKey(id));

    // Where the nodes named name (case-insensitive) start in the Name order, and how many there are.
    private (int First, int Count) NameRun(string name)
    {
        var at = name.Length == 0 ? -1 : _byName.AsSpan().BinarySearch(new NameKey(name, _byId));
        if (at < 0)
        {
            return (0, 0);
        }

        // The search lands on any node of the run; the run is the equal Names either side of it.
        int first = at, end = at + 1;
        while (first > 0 && SameName(_byName[first - 1], name))
        {
            first--;
        }

        while (end < _byName.Length && SameName(_byName[end], name))
        {
            end++;
        }

        return (first, end - first);
    }

    private bool SameName(int index, string name) => string.Equals(_byId[index].Name, name, StringComparison.OrdinalIgnoreCase);

    private readonly struct IdKey(string id) : IComparable<Node>
    {
        public int CompareTo(Node? other) => string.CompareOrdinal(id, other?.Id);
    }

    private readonly struct NameKey(string name, Node[] byId) : IComparable<int>
    {
        public int CompareTo(int other) => string.Compare(name, byId[other].Name, StringComparison.OrdinalIgnoreCase);
    }
}
