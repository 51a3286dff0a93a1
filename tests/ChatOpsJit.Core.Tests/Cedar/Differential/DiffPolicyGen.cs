using System.Text;
using static ChatOpsJit.Core.Tests.Cedar.Differential.CedarText;

namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>Random policy sets: annotations, permit/forbid, every scope form, when/unless conditions, JITNA shapes.</summary>
internal sealed class DiffPolicyGen(Random rng, DiffScenario scenario)
{
    private readonly DiffExprGen expr = new(rng);

    public string PolicySet(bool jitna)
    {
        var sb = new StringBuilder();
        var ids = new List<string>();
        for (int i = 0, n = rng.Next(1, 9); i < n; i++)
        {
            if (rng.Chance(0.15))
            {
                sb.Append("// policy ").Append(i).Append(" -- \"comments\" are ignored; permit(principal, action, resource);\n");
            }
            sb.Append(rng.Chance(jitna ? 0.6 : 0.05) ? JitnaPolicy(ids) : Policy(ids)).Append('\n');
        }
        // Windows line endings now and then; string literals never hold a raw newline, so this is safe.
        return rng.Chance(0.05) ? sb.ToString().Replace("\n", "\r\n", StringComparison.Ordinal) : sb.ToString();
    }

    private string Policy(List<string> ids)
    {
        var nl = rng.Chance(0.5) ? "\n  " : " ";
        var sb = new StringBuilder(Annotations(ids));
        sb.Append(rng.Chance(0.75) ? "permit" : "forbid").Append(" (").Append(nl)
            .Append(PrincipalOrResource("principal")).Append(',').Append(nl)
            .Append(ActionScope()).Append(',').Append(nl)
            .Append(PrincipalOrResource("resource")).Append(rng.Chance(0.5) ? "\n)" : ")");
        for (var n = rng.Weighted(20, 50, 22, 8); n > 0; n--)
        {
            var body = expr.Bool(rng.Next(0, 4));
            sb.Append(rng.Chance(0.75) ? " when {" : " unless {").Append(nl).Append(At(rng, body, If))
                .Append(rng.Chance(0.05) ? " // a comment inside a condition }\n" : "").Append(rng.Chance(0.5) ? "\n}" : " }");
        }
        return sb.Append(';').ToString();
    }

    private string Annotations(List<string> ids)
    {
        var sb = new StringBuilder();
        if (rng.Chance(0.4))
        {
            // Sometimes reuse an earlier @id: Cedar treats annotations as inert, policy ids stay positional.
            var id = ids.Count > 0 && rng.Chance(0.1) ? rng.Pick(ids) : $"rule-{ids.Count}-{rng.Next(100)}";
            ids.Add(id);
            sb.Append("@id(").Append(Quote(rng, id)).Append(")\n");
        }
        if (rng.Chance(0.1))
        {
            sb.Append("@advice(").Append(Quote(rng, rng.Pick(DiffWorld.Strings))).Append(")\n");
        }
        if (rng.Chance(0.05))
        {
            sb.Append("@reviewed\n"); // an annotation without a value
        }
        return sb.ToString();
    }

    // Half of the scope entities are the request's own entity or one of its ancestors, so scopes match often
    // enough for conditions (and their errors) to matter.
    private string PrincipalOrResource(string var)
    {
        var self = var == "principal" ? scenario.Principal : scenario.Resource;
        var pool = var == "principal" ? DiffWorld.Principals : DiffWorld.Resources;
        var entity = () => Uid(rng, rng.Chance(0.5) ? self : rng.Chance(0.6) ? rng.Pick(pool) : rng.Pick(DiffWorld.NonActions));
        var group = () => Uid(rng, rng.Chance(0.5) ? Related(self) : rng.Chance(0.6) ? rng.Pick(DiffWorld.Groups) : rng.Pick(DiffWorld.NonActions));
        var type = () => rng.Chance(0.5) ? self.Type : rng.Pick(DiffWorld.EntityTypes);
        return rng.Weighted(30, 15, 25, 15, 15) switch
        {
            0 => var,
            1 => $"{var} == {entity()}",
            2 => $"{var} in {group()}",
            3 => $"{var} is {type()}",
            _ => $"{var} is {type()} in {group()}",
        };
    }

    private string ActionScope()
    {
        var action = () => Uid(rng, rng.Chance(0.5) ? Related(scenario.Action) : rng.Pick(DiffWorld.Actions));
        return rng.Weighted(30, 25, 20, 25) switch
        {
            0 => "action",
            1 => $"action == {action()}",
            2 => $"action in {action()}",
            _ => $"action in [{string.Join(", ", Enumerable.Range(0, rng.Next(0, 4)).Select(_ => action()))}]",
        };
    }

    private Uid Related(Uid uid)
    {
        var ancestors = scenario.Ancestors(uid);
        return ancestors.Count > 0 && rng.Chance(0.8) ? rng.Pick(ancestors) : uid;
    }

    // The statement shape JITNA compiles: group-scoped access to tagged instances for the SSM token action.
    private string JitnaPolicy(List<string> ids)
    {
        var group = Uid(rng, rng.Pick(DiffWorld.Groups.Where(g => g.Type.StartsWith("AWS", StringComparison.Ordinal)).ToList()));
        var env = Quote(rng, rng.Pick(["prod", "dev", "staging"]));
        var id = $"jitna-{ids.Count}";
        ids.Add(id);
        var extra = rng.Chance(0.5) ? $" &&\n  {At(rng, expr.Bool(1), And)}" : "";
        return rng.Weighted(6, 2, 1) switch
        {
            0 => $"@id(\"{id}\")\npermit (\n  principal in {group},\n  action == AWS::SSM::Action::\"getTokenForInstanceAccess\",\n  resource\n) when {{\n  resource.hasTag(\"Env\") && resource.getTag(\"Env\") == {env}{extra}\n}};",
            1 => $"@id(\"{id}\")\nforbid (principal, action == AWS::SSM::Action::\"getTokenForInstanceAccess\", resource is AWS::EC2::Instance)\nunless {{ context has mfa && context.mfa }};",
            _ => $"@id(\"{id}\")\npermit (principal is AWS::IdentityStore::User in {group}, action in [AWS::SSM::Action::\"getTokenForInstanceAccess\", AWS::SSM::Action::\"startSession\"], resource)\nwhen {{ context.iam.principalTags.Team == resource.getTag(\"Team\") }};",
        };
    }
}
