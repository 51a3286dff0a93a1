using System.Text.Json;

namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>The runtime type of a <see cref="CedarValue"/>.</summary>
public enum CedarValueKind : byte { Bool, Long, String, Set, Record, Entity }

/// <summary>A Cedar value (bool, long, string, set, record or entity reference); a struct so evaluation does not allocate.</summary>
public readonly struct CedarValue : IEquatable<CedarValue>
{
    private readonly object? _obj;
    private readonly long _num;

    private CedarValue(CedarValueKind kind, long num, object? obj)
    {
        Kind = kind;
        _num = num;
        _obj = obj;
    }

    /// <summary>Pre-built true, so hot paths never construct it.</summary>
    public static readonly CedarValue True = new(CedarValueKind.Bool, 1, null);

    /// <summary>Pre-built false.</summary>
    public static readonly CedarValue False = new(CedarValueKind.Bool, 0, null);

    /// <summary>The kind of value held.</summary>
    public CedarValueKind Kind { get; }

    /// <summary>A bool value.</summary>
    public static CedarValue Of(bool value) => value ? True : False;

    /// <summary>A long value.</summary>
    public static CedarValue Of(long value) => new(CedarValueKind.Long, value, null);

    /// <summary>A string value.</summary>
    public static CedarValue Of(string value) => new(CedarValueKind.String, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>An entity reference (boxed once here so later copies are free).</summary>
    public static CedarValue Of(EntityUid value) => new(CedarValueKind.Entity, 0, value);

    /// <summary>A set value; duplicates are removed.</summary>
    public static CedarValue Set(IEnumerable<CedarValue> items) => new(CedarValueKind.Set, 0, new CedarSet(items));

    /// <summary>A set value; duplicates are removed.</summary>
    public static CedarValue Set(params CedarValue[] items) => Set((IEnumerable<CedarValue>)items);

    /// <summary>A record value; later duplicate keys win.</summary>
    public static CedarValue Record(IEnumerable<KeyValuePair<string, CedarValue>> fields) => new(CedarValueKind.Record, 0, new CedarRecord(fields));

    /// <summary>An empty record (the default request context).</summary>
    public static readonly CedarValue EmptyRecord = new(CedarValueKind.Record, 0, CedarRecord.Empty);

    internal static CedarValue OfSet(CedarSet set) => new(CedarValueKind.Set, 0, set);

    internal static CedarValue OfRecord(CedarRecord record) => new(CedarValueKind.Record, 0, record);

    /// <summary>Parses a value in Cedar's JSON value format (throws <see cref="CedarFormatException"/>).</summary>
    public static CedarValue FromJson(JsonElement json) => CedarJson.ParseValue(json, "value");

    /// <summary>The bool held (false for other kinds).</summary>
    public bool AsBool => _num != 0;

    /// <summary>The long held.</summary>
    public long AsLong => _num;

    /// <summary>The string held.</summary>
    public string AsString => (string)_obj!;

    /// <summary>The entity uid held.</summary>
    public EntityUid AsEntity => (EntityUid)_obj!;

    /// <summary>The set held.</summary>
    public CedarSet AsSet => (CedarSet)_obj!;

    /// <summary>The record held.</summary>
    public CedarRecord AsRecord => (CedarRecord)_obj!;

    /// <summary>Structural equality; values of different kinds are never equal.</summary>
    public bool Equals(CedarValue other)
    {
        if (Kind != other.Kind) return false;
        return Kind switch
        {
            CedarValueKind.Bool or CedarValueKind.Long => _num == other._num,
            CedarValueKind.String => string.Equals((string)_obj!, (string)other._obj!, StringComparison.Ordinal),
            CedarValueKind.Entity => ((EntityUid)_obj!).Equals((EntityUid)other._obj!),
            CedarValueKind.Set => ((CedarSet)_obj!).SetEquals((CedarSet)other._obj!),
            CedarValueKind.Record => ((CedarRecord)_obj!).RecordEquals((CedarRecord)other._obj!),
            _ => false,
        };
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CedarValue v && Equals(v);

    /// <inheritdoc/>
    public override int GetHashCode() => Kind switch
    {
        CedarValueKind.Bool or CedarValueKind.Long => _num.GetHashCode(),
        CedarValueKind.String => StringComparer.Ordinal.GetHashCode((string)_obj!),
        CedarValueKind.Entity => ((EntityUid)_obj!).GetHashCode(),
        CedarValueKind.Set => ((CedarSet)_obj!).GetHashCode(),
        CedarValueKind.Record => ((CedarRecord)_obj!).GetHashCode(),
        _ => 0,
    };

    /// <summary>Equality operator.</summary>
    public static bool operator ==(CedarValue left, CedarValue right) => left.Equals(right);

    /// <summary>Inequality operator.</summary>
    public static bool operator !=(CedarValue left, CedarValue right) => !left.Equals(right);

    /// <summary>The type name the reference uses in type errors.</summary>
    internal string TypeName => Kind switch
    {
        CedarValueKind.Bool => "bool",
        CedarValueKind.Long => "long",
        CedarValueKind.String => "string",
        CedarValueKind.Set => "set",
        CedarValueKind.Record => "record",
        _ => $"(entity of type `{AsEntity.Type}`)",
    };

    /// <summary>Cedar-syntax rendering, for messages and debugging.</summary>
    public override string ToString() => Kind switch
    {
        CedarValueKind.Bool => AsBool ? "true" : "false",
        CedarValueKind.Long => _num.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CedarValueKind.String => "\"" + CedarEscapes.Escape(AsString) + "\"",
        CedarValueKind.Entity => AsEntity.ToString(),
        CedarValueKind.Set => AsSet.ToString(),
        _ => AsRecord.ToString(),
    };
}
