namespace ChatOpsJit.Core.Audit;

/// <summary>The key that seals new records (<see cref="Current"/>) and the retired keys that still verify older epochs.</summary>
public sealed class AuditKeyRing
{
    private readonly Dictionary<string, AuditKey> _byId = new(StringComparer.Ordinal);

    public AuditKeyRing(AuditKey current, IEnumerable<AuditKey>? retired = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        Current = current;
        foreach (var key in (retired ?? []).Append(current))
        {
            _byId[key.Id] = key;
        }
    }

    public AuditKey Current { get; }

    /// <summary>Every key, current included, once each.</summary>
    public IReadOnlyCollection<AuditKey> All => _byId.Values;

    /// <summary>A ring from keys in the order they were made: the last one is current.</summary>
    public static AuditKeyRing Of(IReadOnlyList<AuditKey> keys) =>
        keys.Count > 0 ? new AuditKeyRing(keys[^1], keys.Take(keys.Count - 1)) : throw new ArgumentException("a key ring needs at least one key", nameof(keys));

    public AuditKey? Find(string keyId) => _byId.GetValueOrDefault(keyId);
}
