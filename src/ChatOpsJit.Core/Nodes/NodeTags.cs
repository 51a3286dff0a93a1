using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ChatOpsJit.Core.Nodes;

/// <summary>
/// A node's tags as two parallel arrays, in the order given. An inventory holds one per node (100,000 in a large fleet),
/// and nodes with the same tag keys share one key array, so a node's tags cost one small array of values.
/// </summary>
public sealed class NodeTags : IReadOnlyDictionary<string, string>
{
    private readonly string[] _keys;
    private readonly string[] _values;

    /// <summary>Tags from parallel arrays of distinct keys and their values; the arrays are kept, never copied.</summary>
    public NodeTags(string[] keys, string[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(values.Length, keys.Length, nameof(values));
        _keys = keys;
        _values = values;
    }

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no tag '{key}'");

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<string> Values => _values;

    public int Count => _keys.Length;

    public bool ContainsKey(string key) => Array.IndexOf(_keys, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        // A linear scan: a node has a handful of tags (EC2 allows 50), and Array.IndexOf on strings is ordinal.
        var at = Array.IndexOf(_keys, key);
        value = at >= 0 ? _values[at] : null;
        return at >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
