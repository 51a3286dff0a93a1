namespace ChatOpsJit.Core.Nodes;

/// <summary>
/// One copy of each repeated string while an inventory is read (accounts, Regions, platforms, tag keys and values), and
/// one key array per distinct tag key list, so a 100,000-node fleet does not hold 100,000 copies of "eu-west-1".
/// </summary>
public sealed class NodeStringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _keyLists = new(StringComparer.Ordinal);

    /// <summary>The pooled copy of <paramref name="text"/>.</summary>
    public string Get(string text)
    {
        if (!_strings.TryGetValue(text, out var pooled))
        {
            _strings.Add(text, text);
            pooled = text;
        }

        return pooled;
    }

    /// <summary>Tags from <paramref name="tags"/> (distinct keys), keys and values pooled.</summary>
    public NodeTags Tags(IReadOnlyCollection<KeyValuePair<string, string>> tags)
    {
        var keys = new string[tags.Count];
        var values = new string[tags.Count];
        var i = 0;
        foreach (var (key, value) in tags)
        {
            keys[i] = Get(key);
            values[i++] = Get(value);
        }

        // Keys cannot hold '\n' in a useful inventory; a collision would only cost sharing, never correctness, as the
        // shared array is compared element by element first.
        var signature = string.Join('\n', keys);
        if (_keyLists.TryGetValue(signature, out var shared) && shared.AsSpan().SequenceEqual(keys))
        {
            keys = shared;
        }
        else
        {
            _keyLists[signature] = keys;
        }

        return new NodeTags(keys, values);
    }
}
