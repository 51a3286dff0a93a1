using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ChatOpsJit.Bench;

// usage:
//   ChatOpsJit.Bench write-cases DIR          writes DIR/jitna-51.json and DIR/jitna-1001.json for bench/cedar-wasm/bench.js
//   ChatOpsJit.Bench write-batch DIR [COUNT]  writes DIR/policies.cedar (51 statements) and COUNT (20,000) JSONL requests
//   ChatOpsJit.Bench run [RESULTS.json]       short BenchmarkDotNet run of every benchmark, figures written as JSON
//   ChatOpsJit.Bench [BenchmarkDotNet args]   anything else goes to BenchmarkDotNet (e.g. --filter '*Authorize*')
if (args is ["write-cases", var dir])
{
    Directory.CreateDirectory(dir);
    foreach (var statements in new[] { 51, 1001 })
    {
        File.WriteAllText(Path.Combine(dir, $"jitna-{statements}.json"), JitnaBenchCase.WithStatements(statements).ToJson().ToJsonString());
    }
    return 0;
}
if (args is ["write-batch", var batchDir, ..])
{
    JitnaBatchFile.Write(batchDir, 51, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20_000);
    return 0;
}
if (args is ["run", ..])
{
    // A short job (3 warmups, 3 measured iterations) in process keeps the whole run to about a minute on 2 cores.
    var config = ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .WithOptions(ConfigOptions.DisableLogFile);
    var summaries = new[] { BenchmarkRunner.Run<AuthorizeBenchmarks>(config), BenchmarkRunner.Run<ParseCompileBenchmarks>(config) };
    var results = new JsonObject();
    foreach (var report in summaries.SelectMany(s => s.Reports))
    {
        var name = $"{report.BenchmarkCase.Descriptor.WorkloadMethod.Name}-{report.BenchmarkCase.Parameters["Statements"]}";
        results[name] = Figures(report);
    }
    var json = results.ToJsonString(new() { WriteIndented = true });
    if (args.Length > 1)
    {
        File.WriteAllText(args[1], json);
    }
    Console.WriteLine(json);
    return summaries.All(s => s.Reports.All(r => r.Success)) ? 0 : 1;
}
BenchmarkSwitcher.FromAssembly(typeof(AuthorizeBenchmarks).Assembly).Run(args);
return 0;

static JsonObject Figures(BenchmarkReport report) => new()
{
    ["meanNs"] = report.ResultStatistics?.Mean ?? double.NaN,
    ["stdDevNs"] = report.ResultStatistics?.StandardDeviation ?? double.NaN,
    ["opsPerSecond"] = report.ResultStatistics is { } s ? 1e9 / s.Mean : double.NaN,
    ["bytesAllocatedPerOp"] = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1,
    ["meanText"] = (report.ResultStatistics?.Mean / 1e6)?.ToString("F4", CultureInfo.InvariantCulture) + " ms",
};
