namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>One entity: uid, attributes, direct parents and tags.</summary>
public sealed class CedarEntity
{
    /// <summary>Creates an entity.</summary>
    public CedarEntity(EntityUid uid, IReadOnlyDictionary<string, CedarValue> attrs, IEnumerable<EntityUid> parents, IReadOnlyDictionary<string, CedarValue>? tags = null)
    {
        Uid = uid;
        Attributes = attrs ?? throw new ArgumentNullException(nameof(attrs));
        Parents = (parents ?? throw new ArgumentNullException(nameof(parents))).Distinct().ToArray();
        Tags = tags ?? new Dictionary<string, CedarValue>();
        AttrRecord = new CedarRecord(attrs);
        TagRecord = new CedarRecord(Tags);
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
}
