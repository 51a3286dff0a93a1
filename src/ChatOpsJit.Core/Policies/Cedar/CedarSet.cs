namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>An immutable Cedar set: distinct values, compared without regard to order.</summary>
public sealed class CedarSet
{
    // Below this size a linear scan beats hashing.
    private const int HashThreshold = 8;
    private readonly HashSet<CedarValue>? _lookup;
    private readonly CedarValue[] _items;

    internal static readonly CedarSet Empty = new(Array.Empty<CedarValue>());

    internal CedarSet(IEnumerable<CedarValue> items)
    {
        var distinct = new HashSet<CedarValue>(items);
        _items = distinct.ToArray();
        if (_items.Length > HashThreshold) _lookup = distinct;
    }

    /// <summary>The distinct members.</summary>
    public IReadOnlyList<CedarValue> Items => _items;

    /// <summary>Member count.</summary>
    public int Count => _items.Length;

    /// <summary>Membership by structural equality.</summary>
    public bool Contains(in CedarValue value)
    {
        if (_lookup is not null) return _lookup.Contains(value);
        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Equals(value)) return true;
        }
        return false;
    }

    /// <summary>True when every member of <paramref name="other"/> is in this set.</summary>
    public bool ContainsAll(CedarSet other)
    {
        var items = other._items;
        for (var i = 0; i < items.Length; i++)
        {
            if (!Contains(items[i])) return false;
        }
        return true;
    }

    /// <summary>True when some member of <paramref name="other"/> is in this set.</summary>
    public bool ContainsAny(CedarSet other)
    {
        var items = other._items;
        for (var i = 0; i < items.Length; i++)
        {
            if (Contains(items[i])) return true;
        }
        return false;
    }

    internal bool SetEquals(CedarSet other) => ReferenceEquals(this, other) || (Count == other.Count && ContainsAll(other));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        // Order-independent so equal sets hash alike.
        var h = Count;
        foreach (var v in _items) h += v.GetHashCode();
        return h;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CedarSet s && SetEquals(s);

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}
