using System.Text.Json;

namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>An immutable entity store with the ancestor closure of every entity precomputed.</summary>
public sealed class CedarEntities
{
    private readonly Dictionary<EntityUid, EntityNode> _nodes;

    private CedarEntities(Dictionary<EntityUid, EntityNode> nodes) => _nodes = nodes;

    /// <summary>An empty store.</summary>
    public static CedarEntities Empty { get; } = new(new Dictionary<EntityUid, EntityNode>());

    /// <summary>Number of entities.</summary>
    public int Count => _nodes.Count;

    /// <summary>Parses a JSON array of entities in Cedar's entity format.</summary>
    public static CedarEntities FromJson(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CedarFormatException("invalid json: " + e.Message);
        }
        using (doc) return FromJson(doc.RootElement);
    }

    /// <summary>Parses a JSON array of entities in Cedar's entity format.</summary>
    public static CedarEntities FromJson(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array) throw new CedarFormatException("entities must be a json array");
        var list = new List<CedarEntity>();
        foreach (var e in array.EnumerateArray()) list.Add(CedarJson.ParseEntity(e));
        return Build(list);
    }

    /// <summary>Builds a store from entities; duplicate uids and parent cycles are rejected as the reference does.</summary>
    public static CedarEntities Build(IEnumerable<CedarEntity> entities)
    {
        var nodes = new Dictionary<EntityUid, EntityNode>();
        foreach (var e in entities)
        {
            if (!nodes.TryAdd(e.Uid, new EntityNode(e))) throw new CedarFormatException($"duplicate entity entry `{e.Uid}`");
        }
        // 0 = unvisited, 1 = on the DFS stack, 2 = done.
        var state = new Dictionary<EntityUid, byte>();
        foreach (var node in nodes.Values) Close(node, nodes, state);
        return new CedarEntities(nodes);
    }

    private static void Close(EntityNode node, Dictionary<EntityUid, EntityNode> nodes, Dictionary<EntityUid, byte> state)
    {
        state.TryGetValue(node.Entity.Uid, out var s);
        if (s == 2) return;
        if (s == 1) throw new CedarFormatException($"input graph has a cycle containing vertex `{node.Entity.Uid}`");
        if (node.Entity.Parents.Count == 0)
        {
            // A leaf of the hierarchy (a group, most resources): nothing to close, and nothing to allocate.
            state[node.Entity.Uid] = 2;
            return;
        }
        state[node.Entity.Uid] = 1;
        var ancestors = new HashSet<EntityUid>();
        foreach (var p in node.Entity.Parents)
        {
            if (p == node.Entity.Uid) throw new CedarFormatException($"input graph has a cycle containing vertex `{p}`");
            ancestors.Add(p);
            if (nodes.TryGetValue(p, out var parent))
            {
                Close(parent, nodes, state);
                ancestors.UnionWith(parent.Ancestors);
            }
        }
        if (ancestors.Contains(node.Entity.Uid)) throw new CedarFormatException($"input graph has a cycle containing vertex `{node.Entity.Uid}`");
        node.Ancestors = ancestors;
        node.AncestorList = ancestors.ToArray();
        state[node.Entity.Uid] = 2;
    }

    /// <summary>Looks an entity up.</summary>
    public bool TryGetEntity(EntityUid uid, out CedarEntity? entity)
    {
        if (_nodes.TryGetValue(uid, out var node))
        {
            entity = node.Entity;
            return true;
        }
        entity = null;
        return false;
    }

    internal EntityNode? Find(in EntityUid uid) => _nodes.TryGetValue(uid, out var node) ? node : null;

    /// <summary>Cedar's <c>in</c>: equal, or <paramref name="ancestor"/> is a transitive parent of <paramref name="uid"/>.</summary>
    public bool IsDescendantOrSelf(EntityUid uid, EntityUid ancestor)
    {
        if (uid == ancestor) return true;
        return _nodes.TryGetValue(uid, out var node) && node.Ancestors.Contains(ancestor);
    }
}

/// <summary>An entity plus its precomputed ancestor closure.</summary>
internal sealed class EntityNode
{
    public EntityNode(CedarEntity entity) => Entity = entity;

    public CedarEntity Entity { get; }

    // Nodes without parents share this set; it is never written to.
    private static readonly HashSet<EntityUid> NoAncestors = new();

    public HashSet<EntityUid> Ancestors { get; set; } = NoAncestors;

    public EntityUid[] AncestorList { get; set; } = Array.Empty<EntityUid>();
}
