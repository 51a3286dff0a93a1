using BenchmarkDotNet.Attributes;
using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Bench;

/// <summary>Load time of a JITNA-sized policy set: parse the text and compile it into an authorizer.</summary>
[MemoryDiagnoser]
[WarmupCount(5)]
[IterationCount(15)] // one op is tens of milliseconds: three iterations (the short job) are too few to trust
public class ParseCompileBenchmarks
{
    private string text = "";

    [Params(1001)]
    public int Statements { get; set; }

    [GlobalSetup]
    public void Setup() => text = JitnaBenchCase.WithStatements(Statements).Policies;

    [Benchmark]
    public CedarAuthorizer ParseAndCompile() => new(CedarPolicySet.Parse(text, "jitna-bench.cedar"));
}
