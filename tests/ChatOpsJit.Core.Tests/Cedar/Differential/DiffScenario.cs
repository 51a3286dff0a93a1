using System.Text.Json.Nodes;

namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>
/// One case's data: which entities exist, their parents (a DAG: the reference rejects cycles), attributes and tags,
/// the context, and the request. Some UIDs are left out on purpose so that missing entities and dangling parents
/// get exercised.
/// </summary>
internal sealed class DiffScenario
{
    public required JsonArray Entities { get; init; }
    public required JsonObject Context { get; init; }
    public required Uid Principal { get; init; }
    public required Uid Action { get; init; }
    public required Uid Resource { get; init; }

    /// <summary>True for cases shaped like JITNA requests (Identity Store user, SSM action, EC2 instance).</summary>
    public required bool Jitna { get; init; }

    private Dictionary<Uid, List<Uid>>? parentMap;

    /// <summary>The transitive parents of <paramref name="uid"/> in <see cref="Entities"/>.</summary>
    public IReadOnlyList<Uid> Ancestors(Uid uid)
    {
        var parents = parentMap ??= Entities.OfType<JsonObject>().ToDictionary(
            e => Of(e["uid"]!),
            e => e["parents"]!.AsArray().Select(p => Of(p!)).ToList());
        var seen = new List<Uid>();
        var todo = new Stack<Uid>([uid]);
        while (todo.TryPop(out var next))
        {
            foreach (var p in parents.GetValueOrDefault(next) ?? [])
            {
                if (!seen.Contains(p))
                {
                    seen.Add(p);
                    todo.Push(p);
                }
            }
        }
        return seen;

        static Uid Of(JsonNode n) => new((string)n["type"]!, (string)n["id"]!);
    }

    public static DiffScenario Create(Random rng)
    {
        var jitna = rng.Chance(0.3);
        var present = DiffWorld.NonActions.Where(_ => rng.Chance(0.85)).OrderBy(_ => rng.Next()).ToList();
        var absent = DiffWorld.NonActions.Except(present).ToList();
        var actions = DiffWorld.Actions.Where(_ => rng.Chance(0.85)).OrderBy(_ => rng.Next()).ToList();
        var chain = rng.Chance(0.4); // deep chains: every entity's first parent is the next one in the order

        var list = new List<JsonObject>();
        for (var i = 0; i < present.Count; i++)
        {
            list.Add(Entity(rng, present[i], Parents(rng, present, i, absent, chain, jitna), withData: true));
        }
        for (var i = 0; i < actions.Count; i++)
        {
            list.Add(Entity(rng, actions[i], Parents(rng, actions, i, [], chain && rng.Chance(0.5), jitna: false), withData: false));
        }
        // Shuffled, so parents come before or after their children and no engine can lean on the order.
        var entities = new JsonArray([.. list.OrderBy(_ => rng.Next())]);
        return new DiffScenario
        {
            Entities = entities,
            Context = NewContext(rng, jitna),
            Principal = jitna && rng.Chance(0.9) ? rng.Pick(DiffWorld.Principals.Where(p => p.Type.StartsWith("AWS", StringComparison.Ordinal)).ToList())
                : rng.Chance(0.8) ? rng.Pick(DiffWorld.Principals) : rng.Pick(DiffWorld.NonActions),
            Action = jitna && rng.Chance(0.8) ? DiffWorld.JitnaAction : rng.Pick(DiffWorld.Actions),
            Resource = jitna && rng.Chance(0.9) ? rng.Pick(DiffWorld.Resources.Where(r => r.Type == "AWS::EC2::Instance").ToList())
                : rng.Chance(0.8) ? rng.Pick(DiffWorld.Resources) : rng.Pick(DiffWorld.NonActions),
            Jitna = jitna,
        };
    }

    // Parents only point "forward" in the shuffled order, so the graph can never have a cycle.
    private static List<Uid> Parents(Random rng, List<Uid> order, int i, List<Uid> absent, bool chain, bool jitna)
    {
        var parents = new List<Uid>();
        if (chain && i + 1 < order.Count)
        {
            parents.Add(order[i + 1]);
        }
        var later = order.Skip(i + 1).ToList();
        // JITNA users belong to Identity Store groups, so `principal in Group` policies fire often.
        var preferGroups = jitna && order[i].Type == "AWS::IdentityStore::User";
        if (preferGroups)
        {
            later = [.. later.Where(u => u.Type == "AWS::IdentityStore::Group"), .. later];
        }
        for (var n = rng.Weighted(4, 4, 2, 1); n > 0 && later.Count > 0; n--)
        {
            parents.Add(later[preferGroups ? 0 : rng.Next(later.Count)]);
            later.Remove(parents[^1]);
        }
        if (absent.Count > 0 && rng.Chance(0.1))
        {
            parents.Add(rng.Pick(absent)); // a parent that is not itself an entity: still counts for `in`
        }
        return [.. parents.Distinct()];
    }

    private static JsonObject Entity(Random rng, Uid uid, List<Uid> parents, bool withData)
    {
        var attrs = new JsonObject();
        var entity = new JsonObject { ["uid"] = uid.ToJson(), ["attrs"] = attrs, ["parents"] = new JsonArray([.. parents.Select(p => (JsonNode)p.ToJson())]) };
        if (!withData)
        {
            return entity;
        }
        foreach (var (name, type) in DiffWorld.EntityAttrs)
        {
            if (rng.Chance(0.75))
            {
                // A rare wrongly-typed attribute turns well-typed policies into runtime type errors.
                attrs[name] = DiffWorld.Value(rng, rng.Chance(0.01) ? rng.Pick(CType.Simple) : type);
            }
        }
        if (rng.Chance(0.7))
        {
            var tags = new JsonObject();
            foreach (var (name, type) in DiffWorld.Tags)
            {
                if (rng.Chance(0.55))
                {
                    tags[name] = name == "Env" ? rng.Pick(["prod", "dev", "staging"]) : DiffWorld.Value(rng, rng.Chance(0.01) ? CType.Long : type);
                }
            }
            entity["tags"] = tags;
        }
        return entity;
    }

    private static JsonObject NewContext(Random rng, bool jitna)
    {
        var context = new JsonObject();
        foreach (var (name, type) in DiffWorld.ContextAttrs)
        {
            if (rng.Chance(jitna && name == "iam" ? 0.95 : 0.7))
            {
                context[name] = DiffWorld.Value(rng, rng.Chance(0.01) ? rng.Pick(CType.Simple) : type);
            }
        }
        return context;
    }
}
