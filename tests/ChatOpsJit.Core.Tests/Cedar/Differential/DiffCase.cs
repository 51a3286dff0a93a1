using System.Text.Json.Nodes;

namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>One differential case: a random policy set plus a random entity graph and request.</summary>
internal sealed record DiffCase(int Index, string Policies, DiffScenario Scenario)
{
    /// <summary>
    /// Builds case <paramref name="index"/> of <paramref name="seed"/>. Each case has its own generator seeded from both,
    /// so any single case can be replayed without generating the ones before it.
    /// </summary>
    public static DiffCase Generate(int seed, int index)
    {
        var rng = new Random(unchecked((seed * 1_000_003) + index));
        var scenario = DiffScenario.Create(rng);
        return new DiffCase(index, new DiffPolicyGen(rng, scenario).PolicySet(scenario.Jitna), scenario);
    }

    /// <summary>The case as a `policy authorize --batch` input line.</summary>
    public JsonObject Request() => new()
    {
        ["principal"] = Scenario.Principal.ToJson(),
        ["action"] = Scenario.Action.ToJson(),
        ["resource"] = Scenario.Resource.ToJson(),
        ["context"] = Scenario.Context.DeepClone(),
        ["entities"] = Scenario.Entities.DeepClone(),
    };

    /// <summary>The case as decide.js reads it: the request plus the policy text.</summary>
    public JsonObject ForReference()
    {
        var o = Request();
        o["policies"] = Policies;
        return o;
    }

    /// <summary>Everything needed to reproduce the case by hand.</summary>
    public string Describe() =>
        $"--- policies ---\n{Policies}\n--- request ---\nprincipal: {Scenario.Principal}\naction:    {Scenario.Action}\nresource:  {Scenario.Resource}\n" +
        $"context:   {Scenario.Context.ToJsonString()}\n--- entities ---\n{Scenario.Entities.ToJsonString()}";
}
