namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>One entity: uid, attributes, direct parents and tags.</summary>
public sealed class CedarEntity
{
    /// <summary>Creates an entity.</summary>
    public CedarEntity(EntityUid uid, IReadOnlyDictionary<string, CedarValue> attrs, IEnumerable<EntityUid> parents, IReadOnlyDictionary<string, CedarValue>? tags = null)
    {
        Uid = uid;
        Attributes = attrs ?? throw new ArgumentNullException(nameof(attrs));
        Parents = DistinctParents(parents ?? throw new ArgumentNullException(nameof(parents)));
        Tags = tags ?? NoTags;
        AttrRecord = attrs.Count == 0 ? CedarRecord.Empty : new CedarRecord(attrs);
        TagRecord = Tags.Count == 0 ? CedarRecord.Empty : new CedarRecord(Tags);
    }

    /// <summary>The entity's uid.</summary>
    public EntityUid Uid { get; }

    /// <summary>Attributes as given.</summary>
    public IReadOnlyDictionary<string, CedarValue> Attributes { get; }

    /// <summary>Direct parents.</summary>
    public IReadOnlyList<EntityUid> Parents { get; }

    /// <summary>Tags as given.</summary>
    public IReadOnlyDictionary<string, CedarValue> Tags { get; }

    internal CedarRecord AttrRecord { get; }

    internal CedarRecord TagRecord { get; }

    // Shared by every entity without tags, which is most of them; it is never written to.
    private static readonly IReadOnlyDictionary<string, CedarValue> NoTags = new Dictionary<string, CedarValue>();

    private static EntityUid[] DistinctParents(IEnumerable<EntityUid> parents)
    {
        var list = parents.ToArray();
        if (list.Length < 2) return list;
        if (list.Length > 16) return list.Distinct().ToArray();
        // A handful of parents is the rule: a pairwise check beats building a set.
        var distinct = new List<EntityUid>(list.Length);
        foreach (var p in list)
        {
            if (!distinct.Contains(p)) distinct.Add(p);
        }
        return distinct.Count == list.Length ? list : distinct.ToArray();
    }
}
