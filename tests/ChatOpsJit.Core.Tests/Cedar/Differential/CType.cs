namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>The kinds of Cedar value the generator knows how to build and consume.</summary>
internal enum Kind { Bool, Long, String, Entity, Set, Record }

/// <summary>A Cedar type as the generator sees it: sets know their element type, records their fields.</summary>
internal sealed record CType(Kind Kind, CType? Element = null, IReadOnlyList<(string Name, CType Type)>? Fields = null)
{
    public static readonly CType Bool = new(Kind.Bool);
    public static readonly CType Long = new(Kind.Long);
    public static readonly CType String = new(Kind.String);
    public static readonly CType Entity = new(Kind.Entity);
    public static readonly CType SetOfLong = new(Kind.Set, Long);
    public static readonly CType SetOfString = new(Kind.Set, String);
    public static readonly CType SetOfEntity = new(Kind.Set, Entity);
    public static readonly CType Address = Rec(("city", String), ("zip code", String));
    public static readonly CType Profile = Rec(("title", String), ("rank", Long), ("full name", String), ("address", Address));
    public static readonly CType PrincipalTags = Rec(("Team", String), ("CostCenter", String), ("Env", String));
    public static readonly CType Iam = Rec(("principalTags", PrincipalTags), ("sessionTags", PrincipalTags));

    /// <summary>The primitive and set types a random "some type" pick chooses from.</summary>
    public static readonly IReadOnlyList<CType> Simple = [Bool, Long, String, Entity, SetOfLong, SetOfString, SetOfEntity, Profile];

    public static CType Rec(params (string, CType)[] fields) => new(Kind.Record, null, fields);

    public bool Equals(CType? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
