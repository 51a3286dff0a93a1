using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Bench;

/// <summary>
/// The JITNA-shaped benchmark case, shared by both engines: <c>groups</c> group-scoped permits plus one forbid, a
/// directory with every group, one user in three groups, one tagged instance, and the SSM token request.
/// The C# bench uses it directly; <see cref="ToJson"/> writes the same case for bench/cedar-wasm/bench.js.
/// </summary>
public sealed class JitnaBenchCase
{
    public const string Action = "getTokenForInstanceAccess";

    private JitnaBenchCase(int groups)
    {
        Groups = groups;
        Policies = BuildPolicies(groups);
        Entities = BuildEntities(groups);
    }

    /// <summary>How many group statements; the set holds one more statement (the forbid).</summary>
    public int Groups { get; }

    public int Statements => Groups + 1;

    public string Policies { get; }

    public JsonArray Entities { get; }

    public static JsonObject Principal => Uid("AWS::IdentityStore::User", "alice");

    public static JsonObject ActionUid => Uid("AWS::SSM::Action", Action);

    public static JsonObject Resource => Uid("AWS::EC2::Instance", "i-0123456789abcdef0");

    public static JsonObject Context => new()
    {
        ["iam"] = new JsonObject { ["principalTags"] = new JsonObject { ["Team"] = "team3", ["CostCenter"] = "cc-42" } },
        ["mfa"] = true,
    };

    /// <summary>The decision both engines must reach: alice is in g3, whose statement matches the instance's tags.</summary>
    public const string ExpectedDecision = "allow";

    /// <summary>A case with <paramref name="statements"/> statements in total (51 or 1,001 in the benchmarks).</summary>
    public static JitnaBenchCase WithStatements(int statements) => new(statements - 1);

    public JsonObject ToJson() => new()
    {
        ["statements"] = Statements,
        ["policies"] = Policies,
        ["entities"] = Entities.DeepClone(),
        ["principal"] = Principal,
        ["action"] = ActionUid,
        ["resource"] = Resource,
        ["context"] = Context,
        ["expected"] = ExpectedDecision,
    };

    private static string BuildPolicies(int groups)
    {
        var sb = new StringBuilder();
        for (var n = 0; n < groups; n++)
        {
            var team = Team(n);
            var env = n % 3 == 0 ? "prod" : "dev";
            sb.Append(CultureInfo.InvariantCulture, $$"""
                @id("jit-g{{n}}")
                permit (
                  principal in AWS::IdentityStore::Group::"g{{n}}",
                  action == AWS::SSM::Action::"{{Action}}",
                  resource
                ) when {
                  resource.hasTag("Env") && resource.getTag("Env") == "{{env}}" &&
                  resource.hasTag("Team") && resource.getTag("Team") == "{{team}}" &&
                  context.iam.principalTags has Team && context.iam.principalTags.Team == "{{team}}"
                };

                """);
        }
        sb.Append(CultureInfo.InvariantCulture, $$"""
            @id("quarantine")
            forbid (principal, action == AWS::SSM::Action::"{{Action}}", resource is AWS::EC2::Instance)
            when { resource.hasTag("Quarantine") && resource.getTag("Quarantine") == "true" };

            """);
        return sb.ToString();
    }

    private static string Team(int n) => $"team{n % 10}";

    private static JsonArray BuildEntities(int groups)
    {
        var entities = new JsonArray();
        var member = new[] { 3, 13 % groups, groups - 1 }.Distinct();
        entities.Add(Entity(Principal, new JsonObject { ["email"] = "alice@example.com" }, [.. member.Select(g => Uid("AWS::IdentityStore::Group", $"g{g}"))]));
        for (var n = 0; n < groups; n++)
        {
            entities.Add(Entity(Uid("AWS::IdentityStore::Group", $"g{n}"), new JsonObject(), []));
        }
        var instance = Entity(Resource, new JsonObject { ["name"] = "web-1" }, []);
        instance["tags"] = new JsonObject { ["Env"] = "prod", ["Team"] = "team3", ["Owner"] = "alice" };
        entities.Add(instance);
        entities.Add(Entity(ActionUid, new JsonObject(), []));
        return entities;
    }

    private static JsonObject Entity(JsonObject uid, JsonObject attrs, JsonObject[] parents) => new()
    {
        ["uid"] = uid,
        ["attrs"] = attrs,
        ["parents"] = new JsonArray([.. parents]),
    };

    private static JsonObject Uid(string type, string id) => new() { ["type"] = type, ["id"] = id };
}
