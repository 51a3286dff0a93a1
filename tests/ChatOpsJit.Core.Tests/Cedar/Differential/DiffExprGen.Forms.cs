using static ChatOpsJit.Core.Tests.Cedar.Differential.CedarText;

namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>The boolean forms: attribute access, `has`, `in`, `is`, `like`, set methods, tags.</summary>
internal sealed partial class DiffExprGen
{
    private static readonly CType[] Elements = [CType.Long, CType.String, CType.Entity];

    /// <summary>Every attribute path (through nested records) reachable from an entity or from `context`.</summary>
    private static readonly List<(bool FromContext, string[] Names, CType Type)> Paths =
    [
        .. DiffWorld.EntityAttrs.SelectMany(a => Walk(false, [a.Name], a.Type)),
        .. DiffWorld.ContextAttrs.SelectMany(a => Walk(true, [a.Name], a.Type)),
    ];

    private static IEnumerable<(bool, string[], CType)> Walk(bool fromContext, string[] names, CType t) =>
        t.Kind != Kind.Record
            ? [(fromContext, names, t)]
            : [(fromContext, names, t), .. t.Fields!.SelectMany(f => Walk(fromContext, [.. names, f.Name], f.Type))];

    /// <summary>An attribute (or tag) read that yields <paramref name="t"/>; unguarded, so it may error.</summary>
    private Src Attr(CType t, int d)
    {
        var tags = DiffWorld.Tags.Where(x => x.Type == t).ToList();
        if (tags.Count > 0 && rng.Chance(0.15))
        {
            return Method(Receiver(d), "getTag", Quote(rng, rng.Pick(tags).Name));
        }
        var paths = Paths.Where(p => p.Type == t).ToList();
        if (paths.Count == 0)
        {
            return Atom(Quote(rng, rng.Pick(DiffWorld.Strings)));
        }
        var (fromContext, names, _) = rng.Pick(paths);
        var acc = fromContext ? Atom("context") : Receiver(d);
        foreach (var name in names)
        {
            acc = Access(acc, name);
        }
        return acc;
    }

    private Src Access(Src receiver, string name) =>
        DiffWorld.IsIdentifier(name) && rng.Chance(0.8)
            ? new Src($"{At(receiver, Member)}.{name}", Member)
            : new Src($"{At(receiver, Member)}[{Quote(rng, name)}]", Member);

    private Src Receiver(int d) => rng.Weighted(5, 5, 2, 1, d > 0 ? 1 : 0) switch
    {
        0 => Atom("principal"),
        1 => Atom("resource"),
        2 => Atom(Uid(rng, EntityLiteral())),
        3 => Access(Atom(rng.Chance(0.5) ? "principal" : "resource"), rng.Chance(0.5) ? "manager" : "owner"),
        _ => Ent(d),
    };

    private Src HasOn(Src value, string name) => new($"{At(value, Add)} has {Key(name)}", Relation);

    private Src Has(int d)
    {
        var fromContext = rng.Chance(0.3);
        var attrs = fromContext ? DiffWorld.ContextAttrs : DiffWorld.EntityAttrs;
        var name = rng.Chance(0.1) ? "nope" : rng.Pick(attrs).Name;
        var root = fromContext ? Atom("context") : Receiver(d);
        if (rng.Chance(0.25))
        {
            // `has` on a nested record: principal.profile has title, context.iam.principalTags has Team
            var records = Paths.Where(p => p.Type.Kind == Kind.Record).ToList();
            var (ctx, names, t) = rng.Pick(records);
            root = ctx ? Atom("context") : Receiver(d);
            foreach (var n in names)
            {
                root = Access(root, n);
            }
            name = rng.Pick(t.Fields!).Name;
        }
        return HasOn(root, name);
    }

    private Src In(int d) => rng.Weighted(3, 2, 1, 2) switch
    {
        0 => Rel(Ent(d), "in", Ent(d)),
        1 => Rel(Ent(d), "in", EntitySetLiteral(d)),
        2 => Rel(Ent(d), "in", Set(CType.SetOfEntity, d)),
        _ => Rel(Atom(rng.Chance(0.7) ? "principal" : "resource"), "in", Atom(Uid(rng, rng.Pick(DiffWorld.Groups)))),
    };

    private Src EntitySetLiteral(int d) =>
        Atom("[" + string.Join(", ", Enumerable.Range(0, rng.Next(0, 4)).Select(_ => At(Ent(d), If))) + "]");

    private Src Is(int d)
    {
        var subject = At(Ent(d), Add);
        var type = rng.Pick(DiffWorld.EntityTypes);
        if (rng.Chance(0.6))
        {
            return new Src($"{subject} is {type}", Relation);
        }
        var scope = rng.Chance(0.7) ? Ent(d) : EntitySetLiteral(d);
        return new Src($"{subject} is {type} in {At(scope, Add)}", Relation);
    }

    private Src Like(int d) => LikeOf(Str(d));

    private Src LikeOf(Src value) => new($"{At(value, Add)} like {PatternFor(rng.Pick(DiffWorld.Strings))}", Relation);

    // Start from a pool string (so the pattern can match) and punch wildcards into it.
    private string PatternFor(string basis)
    {
        var parts = new List<string?>();
        var literal = "";
        foreach (var rune in basis.EnumerateRunes())
        {
            if (rng.Chance(0.15))
            {
                parts.Add(literal);
                parts.Add(null);
                literal = rng.Chance(0.5) ? "" : rune.ToString(); // the wildcard either replaces the char or precedes it
                continue;
            }
            literal += rune.ToString();
        }
        parts.Add(literal);
        if (rng.Chance(0.2))
        {
            parts.Insert(0, null);
        }
        if (rng.Chance(0.2))
        {
            parts.Add(null);
        }
        return Pattern(rng, parts);
    }

    private Src SetOp(int d)
    {
        var setType = new[] { CType.SetOfLong, CType.SetOfString, CType.SetOfEntity }[rng.Next(3)];
        var set = Set(setType, d);
        return rng.Weighted(3, 2, 2, 1) switch
        {
            0 => Method(set, "contains", At(Of(setType.Element!, d), If)),
            1 => Method(set, "containsAll", At(Set(setType, d), If)),
            2 => Method(set, "containsAny", At(Set(setType, d), If)),
            _ => Method(set, "isEmpty"),
        };
    }

    private Src TagOp(int d)
    {
        var receiver = Receiver(d);
        var (name, type) = rng.Chance(0.1) ? ("Nope", CType.String) : rng.Pick(DiffWorld.Tags);
        var tagName = rng.Chance(0.1) ? At(Str(d), If) : Quote(rng, name);
        var get = Method(receiver, "getTag", tagName);
        return rng.Weighted(2, 2, 3) switch
        {
            0 => Method(receiver, "hasTag", tagName),
            1 => Consume(get, type, d),
            _ => new Src($"{At(Method(receiver, "hasTag", tagName), Relation)} && {At(Consume(get, type, d), Relation)}", And),
        };
    }

    // `x has a && x.a has b && <use x.a.b>`: the guarded access policies are supposed to be written with.
    private Src Guarded(int d)
    {
        var (fromContext, names, type) = rng.Pick(Paths);
        var acc = fromContext ? Atom("context") : Receiver(d);
        var conjuncts = new List<Src>();
        if (names.Length > 1 && names.All(DiffWorld.IsIdentifier) && rng.Chance(0.4))
        {
            // Cedar 4.4+ `x has a.b.c` tests the whole path at once.
            conjuncts.Add(new Src($"{At(acc, Add)} has {string.Join('.', names)}", Relation));
            foreach (var name in names)
            {
                acc = Access(acc, name);
            }
            conjuncts.Add(Consume(acc, type, d));
            return new Src(string.Join(" && ", conjuncts.Select(c => At(c, Relation))), And);
        }
        foreach (var name in names)
        {
            conjuncts.Add(HasOn(acc, name));
            acc = Access(acc, name);
        }
        conjuncts.Add(Consume(acc, type, d));
        return new Src(string.Join(" && ", conjuncts.Select(c => At(c, Relation))), And);
    }

    // The shapes JITNA's compiled policies actually use.
    private Src Jitna()
    {
        var env = Quote(rng, rng.Pick(["prod", "dev", "staging"]));
        var team = Quote(rng, rng.Pick(DiffWorld.Strings));
        var group = Uid(rng, rng.Pick(DiffWorld.Groups.Where(g => g.Type.StartsWith("AWS", StringComparison.Ordinal)).ToList()));
        return rng.Next(5) switch
        {
            0 => new Src($"resource.hasTag(\"Env\") && resource.getTag(\"Env\") == {env}", And),
            1 => new Src("context.iam.principalTags.Team == resource.getTag(\"Team\")", Relation),
            2 => new Src("context has iam && context.iam has principalTags && context.iam.principalTags has Team && resource.hasTag(\"Team\") && resource.getTag(\"Team\") == context.iam.principalTags.Team", And),
            3 => new Src($"principal in {group} && context.iam.principalTags[\"Team\"] == {team}", And),
            _ => new Src($"resource is AWS::EC2::Instance && resource.hasTag(\"Owner\") && resource.getTag(\"Owner\") like \"*{rng.Pick(["a", "o", ""])}*\"", And),
        };
    }
}
