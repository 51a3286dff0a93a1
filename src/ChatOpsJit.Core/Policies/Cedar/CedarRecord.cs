namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>An immutable Cedar record: attribute names (ordinal-sorted) to values.</summary>
public sealed class CedarRecord
{
    private readonly string[] _keys;
    private readonly CedarValue[] _values;

    internal static readonly CedarRecord Empty = new(Array.Empty<KeyValuePair<string, CedarValue>>());

    internal CedarRecord(IEnumerable<KeyValuePair<string, CedarValue>> fields)
    {
        // Sorted by key with the input position as the tie-break, so of duplicate keys the later one is kept; no
        // dictionary in between, as every entity builds two records (attributes and tags) and most hold a few keys.
        var pairs = fields.ToArray();
        if (pairs.Length == 0)
        {
            _keys = [];
            _values = [];
            return;
        }
        var order = new int[pairs.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => string.CompareOrdinal(pairs[a].Key, pairs[b].Key) is var c && c != 0 ? c : a.CompareTo(b));
        var distinct = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (i + 1 == order.Length || !string.Equals(pairs[order[i]].Key, pairs[order[i + 1]].Key, StringComparison.Ordinal)) distinct++;
        }
        _keys = new string[distinct];
        _values = new CedarValue[distinct];
        var k = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (i + 1 < order.Length && string.Equals(pairs[order[i]].Key, pairs[order[i + 1]].Key, StringComparison.Ordinal)) continue;
            _keys[k] = pairs[order[i]].Key;
            _values[k++] = pairs[order[i]].Value;
        }
    }

    /// <summary>Number of attributes.</summary>
    public int Count => _keys.Length;

    /// <summary>Attribute names in ordinal order.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Looks an attribute up without allocating.</summary>
    public bool TryGetValue(string key, out CedarValue value)
    {
        int lo = 0, hi = _keys.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var c = string.CompareOrdinal(_keys[mid], key);
            if (c == 0)
            {
                value = _values[mid];
                return true;
            }
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        value = default;
        return false;
    }

    /// <summary>True when the attribute exists.</summary>
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    internal bool RecordEquals(CedarRecord other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (_keys.Length != other._keys.Length) return false;
        for (var i = 0; i < _keys.Length; i++)
        {
            if (!string.Equals(_keys[i], other._keys[i], StringComparison.Ordinal) || !_values[i].Equals(other._values[i])) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        for (var i = 0; i < _keys.Length; i++)
        {
            h.Add(_keys[i], StringComparer.Ordinal);
            h.Add(_values[i]);
        }
        return h.ToHashCode();
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CedarRecord r && RecordEquals(r);

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new string[_keys.Length];
        for (var i = 0; i < _keys.Length; i++) parts[i] = "\"" + CedarEscapes.Escape(_keys[i]) + "\": " + _values[i];
        return "{" + string.Join(", ", parts) + "}";
    }
}
