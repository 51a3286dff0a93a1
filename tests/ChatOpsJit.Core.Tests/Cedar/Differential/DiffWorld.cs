using System.Text.Json.Nodes;

namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>
/// The fixed vocabulary every case draws from: entity UIDs (plain, namespaced and JITNA-shaped), attribute and tag
/// schemas, and string/number pools shared by data and policies so that comparisons hit as often as they miss.
/// </summary>
internal static class DiffWorld
{
    public static readonly IReadOnlyList<Uid> Principals =
    [
        new("User", "alice"), new("User", "bob"), new("User", ""), new("User", "d\"q"), new("User", "ünï"),
        new("AWS::IdentityStore::User", "u-1"), new("AWS::IdentityStore::User", "u-2"), new("AWS::IdentityStore::User", "u-3"),
    ];

    public static readonly IReadOnlyList<Uid> Groups =
    [
        new("Group", "admins"), new("Group", "devs"), new("Group", "everyone"),
        new("AWS::IdentityStore::Group", "g1"), new("AWS::IdentityStore::Group", "g2"), new("AWS::IdentityStore::Group", "g3"),
    ];

    public static readonly IReadOnlyList<Uid> Resources =
    [
        new("Photo", "p1"), new("Photo", "x*y"), new("Album", "a1"), new("Album", "a2"), new("NS::Inner::Thing", "t1"),
        new("AWS::EC2::Instance", "i-0a1"), new("AWS::EC2::Instance", "i-0b2"), new("AWS::EC2::Instance", "i-0c3"),
    ];

    public static readonly IReadOnlyList<Uid> Actions =
    [
        new("Action", "view"), new("Action", "edit"), new("Action", "delete"), new("Action", "readOnly"), new("Action", "all"),
        new("AWS::SSM::Action", "getTokenForInstanceAccess"), new("AWS::SSM::Action", "startSession"), new("AWS::SSM::Action", "ssm"),
    ];

    public static readonly Uid JitnaAction = new("AWS::SSM::Action", "getTokenForInstanceAccess");

    /// <summary>Every non-action UID, the pool for entity literals and parents.</summary>
    public static readonly IReadOnlyList<Uid> NonActions = [.. Principals, .. Groups, .. Resources];

    public static readonly IReadOnlyList<string> EntityTypes =
    [
        "User", "Group", "Photo", "Album", "NS::Inner::Thing", "AWS::EC2::Instance",
        "AWS::IdentityStore::User", "AWS::IdentityStore::Group", "Action", "AWS::SSM::Action", "Nobody",
    ];

    public static readonly IReadOnlyList<(string Name, CType Type)> EntityAttrs =
    [
        ("age", CType.Long), ("level", CType.Long), ("name", CType.String), ("dept", CType.String), ("active", CType.Bool),
        ("roles", CType.SetOfString), ("scores", CType.SetOfLong), ("friends", CType.SetOfEntity), ("manager", CType.Entity),
        ("owner", CType.Entity), ("profile", CType.Profile), ("two words", CType.String), ("email", CType.String),
        // Names that collide with keywords or methods: legal as attributes, some only in the ["..."] form.
        ("when", CType.Long), ("isEmpty", CType.Bool), ("principal", CType.Entity), ("in", CType.String), ("if", CType.Bool),
    ];

    public static readonly IReadOnlyList<(string Name, CType Type)> ContextAttrs =
    [
        ("mfa", CType.Bool), ("ip", CType.String), ("level", CType.Long), ("hour", CType.Long), ("groups", CType.SetOfEntity),
        ("tags", CType.SetOfString), ("source ip", CType.String), ("iam", CType.Iam), ("ticket", CType.Profile),
    ];

    public static readonly IReadOnlyList<(string Name, CType Type)> Tags =
    [
        ("Env", CType.String), ("Team", CType.String), ("Owner", CType.String), ("Level", CType.Long), ("cost center", CType.String),
    ];

    public static readonly IReadOnlyList<string> Strings =
    [
        "prod", "dev", "staging", "ops", "alice", "Alice", "", "x*y", "a\"b", "back\\slash", "tab\there", "ünïcödé",
        "\U0001F600 smile", "alice@example.com", "i-0a1", "line\nbreak", "**", "it's", "10.0.0.1",
    ];

    public static readonly IReadOnlyList<long> Extremes =
    [
        long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1, 4611686018427387904, 3037000500, -3037000500, 9223372036854775,
    ];

    // Entity and context data travel to cedar-wasm as JavaScript numbers, exact only up to 2^53; larger data values
    // would be rounded on the reference side, so extremes beyond that appear only as policy literals.
    public static readonly IReadOnlyList<long> DataExtremes =
    [
        9007199254740991, -9007199254740991, 3037000500, -3037000500, 4294967296, 2147483648,
    ];

    public static long SmallLong(Random rng) => rng.Next(-3, 12);

    public static long AnyLong(Random rng) => rng.Chance(0.1) ? rng.Pick(Extremes) : SmallLong(rng);

    // Cedar reserves these; an attribute with such a name can only be written as a string: e["in"], e has "if".
    private static readonly HashSet<string> Reserved = ["true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar"];

    /// <summary>True when <paramref name="name"/> can be written bare (<c>e.name</c>, <c>e has name</c>, <c>{name: ..}</c>).</summary>
    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !Reserved.Contains(name);

    /// <summary>A random JSON value of type <paramref name="t"/> in Cedar's entity/context JSON format.</summary>
    public static JsonNode Value(Random rng, CType t, int depth = 0) => t.Kind switch
    {
        Kind.Bool => JsonValue.Create(rng.Chance(0.6)),
        Kind.Long => JsonValue.Create(rng.Chance(0.1) ? rng.Pick(DataExtremes) : SmallLong(rng)),
        Kind.String => JsonValue.Create(rng.Pick(Strings)),
        Kind.Entity => EntityRef(rng.Chance(0.85) ? rng.Pick(NonActions) : rng.Pick(Actions)),
        Kind.Set => new JsonArray([.. Enumerable.Range(0, rng.Next(0, 4)).Select(_ => Value(rng, t.Element!, depth + 1))]),
        _ => Record(rng, t, depth),
    };

    public static JsonObject EntityRef(Uid uid) => new() { ["__entity"] = uid.ToJson() };

    private static JsonObject Record(Random rng, CType t, int depth)
    {
        var o = new JsonObject();
        foreach (var (name, type) in t.Fields!)
        {
            if (rng.Chance(0.8))
            {
                o[name] = Value(rng, type, depth + 1);
            }
        }
        return o;
    }
}

/// <summary>An entity UID in the generator's world.</summary>
internal readonly record struct Uid(string Type, string Id)
{
    public JsonObject ToJson() => new() { ["type"] = Type, ["id"] = Id };

    public override string ToString() => $"{Type}::\"{Id}\"";
}
