using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Bench;

/// <summary>Decisions per second on the zero-allocation path, with entities and the compiled policy set already in memory.</summary>
[MemoryDiagnoser]
public class AuthorizeBenchmarks
{
    private CedarAuthorizer authorizer = null!;
    private CedarEntities entities = null!;
    private CedarRequest request = null!;
    private readonly AuthorizationResult result = new();

    [Params(51, 1001)]
    public int Statements { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var bench = JitnaBenchCase.WithStatements(Statements);
        authorizer = new CedarAuthorizer(CedarPolicySet.Parse(bench.Policies, "jitna-bench.cedar"));
        entities = CedarEntities.FromJson(bench.Entities.ToJsonString());
        using var context = JsonDocument.Parse(JitnaBenchCase.Context.ToJsonString());
        request = new CedarRequest(
            Uid(JitnaBenchCase.Principal.ToJsonString()), Uid(JitnaBenchCase.ActionUid.ToJsonString()), Uid(JitnaBenchCase.Resource.ToJsonString()),
            CedarValue.FromJson(context.RootElement));
        // Both engines must be deciding the same thing, or the ratio means nothing.
        var decision = authorizer.Authorize(request, entities, result);
        if (decision != CedarDecision.Allow || result.Errors.Count > 0)
        {
            throw new InvalidOperationException($"bench case decided {decision} with {result.Errors.Count} errors; expected allow");
        }
    }

    [Benchmark]
    public CedarDecision Authorize() => authorizer.Authorize(request, entities, result);

    private static EntityUid Uid(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return new EntityUid(doc.RootElement.GetProperty("type").GetString()!, doc.RootElement.GetProperty("id").GetString()!);
    }
}
