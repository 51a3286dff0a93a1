using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Bench;

/// <summary>
/// The `policy authorize --batch` benchmark input: the 51-statement JITNA policy set and <c>count</c> JSONL requests, each
/// with its own user (in three of the groups), instance (with tags) and context, and the entities it needs on its line.
/// About half the requests are allowed; bench/cli/run.sh hands the same files to the CLI and to bench/cedar-wasm/batch.js.
/// </summary>
public static class JitnaBatchFile
{
    /// <summary>Writes <c>DIR/policies.cedar</c> and <c>DIR/requests.jsonl</c>.</summary>
    public static void Write(string dir, int statements, int count)
    {
        Directory.CreateDirectory(dir);
        var jitna = JitnaBenchCase.WithStatements(statements);
        File.WriteAllText(Path.Combine(dir, "policies.cedar"), jitna.Policies);
        using var output = new StreamWriter(Path.Combine(dir, "requests.jsonl"), false, new UTF8Encoding(false));
        var random = new Random(20_000);
        for (var n = 0; n < count; n++)
        {
            output.Write(Line(n, jitna.Groups, random).ToJsonString());
            output.Write('\n');
        }
    }

    private static JsonObject Line(int n, int groups, Random random)
    {
        var user = Uid("AWS::IdentityStore::User", $"user-{n % 5000:D5}");
        var memberOf = Enumerable.Range(0, 3).Select(_ => random.Next(groups)).Distinct().ToArray();
        // A team and environment that one of the user's groups permits, half the time, so about half are allowed.
        var permitted = memberOf[0];
        var team = random.Next(2) == 0 ? $"team{permitted % 10}" : $"team{random.Next(10)}";
        var env = random.Next(2) == 0 ? (permitted % 3 == 0 ? "prod" : "dev") : (random.Next(3) == 0 ? "prod" : "dev");
        var instance = Uid("AWS::EC2::Instance", $"i-{n:x17}");
        var tags = new JsonObject { ["Env"] = env, ["Team"] = team, ["Owner"] = $"user-{n % 5000:D5}" };
        if (random.Next(20) == 0)
        {
            tags["Quarantine"] = "true";
        }
        var entities = new JsonArray
        {
            Entity(user, new JsonObject { ["email"] = $"user-{n % 5000:D5}@example.com", ["costCenter"] = $"cc-{n % 50}" },
                [.. memberOf.Select(g => Uid("AWS::IdentityStore::Group", $"g{g}"))]),
        };
        foreach (var g in memberOf)
        {
            entities.Add(Entity(Uid("AWS::IdentityStore::Group", $"g{g}"), new JsonObject(), []));
        }
        var instanceEntity = Entity(instance, new JsonObject { ["name"] = $"web-{n}" }, []);
        instanceEntity["tags"] = tags;
        entities.Add(instanceEntity);
        return new JsonObject
        {
            ["principal"] = user.DeepClone(),
            ["action"] = JitnaBenchCase.ActionUid,
            ["resource"] = instance.DeepClone(),
            ["context"] = new JsonObject
            {
                ["iam"] = new JsonObject { ["principalTags"] = new JsonObject { ["Team"] = team, ["CostCenter"] = $"cc-{n % 50}" } },
                ["mfa"] = true,
            },
            ["entities"] = entities,
        };
    }

    private static JsonObject Entity(JsonObject uid, JsonObject attrs, JsonObject[] parents) => new()
    {
        ["uid"] = uid,
        ["attrs"] = attrs,
        ["parents"] = new JsonArray([.. parents]),
    };

    private static JsonObject Uid(string type, string id) => new() { ["type"] = type, ["id"] = id };
}
