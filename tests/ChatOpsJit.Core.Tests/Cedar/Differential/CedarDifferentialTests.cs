using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>
/// Differential test: thousands of random policy sets, entity graphs and requests, decided by the Cedar reference
/// (cedar-wasm) and by ChatOpsJit's `policy authorize --batch` core; decisions, determining policies and erroring
/// policies must agree on every case. Replay one case with CEDAR_DIFF_SEED=&lt;seed&gt; CEDAR_DIFF_ONLY=&lt;index&gt;.
/// </summary>
[TestFixture]
[Category("Differential")]
public sealed class CedarDifferentialTests
{
    private const int DefaultSeed = 20250611;
    private const int DefaultCases = 2000;
    private const int FailuresShown = 5;

    [Test]
    public void ChatOpsJitAgreesWithTheCedarReference()
    {
        var seed = EnvInt("CEDAR_DIFF_SEED") ?? DefaultSeed;
        var count = EnvInt("CEDAR_DIFF_CASES") ?? DefaultCases;
        var only = EnvInt("CEDAR_DIFF_ONLY");
        var indexes = only is { } single ? [single] : Enumerable.Range(0, count);

        var clock = Stopwatch.StartNew();
        var cases = indexes.Select(i => DiffCase.Generate(seed, i)).ToList();
        var generated = clock.Elapsed;
        var expected = CedarReference.Decide(cases);
        var referenced = clock.Elapsed;
        var actual = cases.Select(ChatOpsJitDecider.Decide).ToList();

        var failures = Enumerable.Range(0, cases.Count).Where(i => !actual[i].AgreesWith(expected[i])).ToList();
        TestContext.Progress.WriteLine(
            $"differential: {cases.Count - failures.Count} of {cases.Count} cases agree (seed {seed}); " +
            $"generate {generated.TotalSeconds:F1}s, reference {(referenced - generated).TotalSeconds:F1}s, " +
            $"chatopsjit {(clock.Elapsed - referenced).TotalSeconds:F1}s; {Coverage(expected)}");
        if (failures.Count > 0)
        {
            Assert.Fail(Report(seed, cases, expected, actual, failures));
        }
        var parseErrors = expected.Count(e => e.ParseError is not null || e.RequestError is not null);
        Assert.That(parseErrors, Is.LessThanOrEqualTo(cases.Count / 100),
            "the generator should produce policies and entities the reference accepts; first rejected case: " +
            expected.Select((e, i) => (e, i)).FirstOrDefault(x => x.e.ParseError is not null || x.e.RequestError is not null).i);
    }

    [Test]
    public void ChatOpsJitRejectsExactlyWhatTheReferenceRejects()
    {
        var cases = ParserEdgeCases.Cases().ToList();
        var expected = CedarReference.Decide(cases);
        var actual = cases.Select(ChatOpsJitDecider.Decide).ToList();

        var failures = Enumerable.Range(0, cases.Count).Where(i => !actual[i].AgreesWith(expected[i])).ToList();
        TestContext.Progress.WriteLine(
            $"differential: {cases.Count - failures.Count} of {cases.Count} grammar edge cases agree " +
            $"({expected.Count(e => e.ParseError is not null)} rejected by the reference)");
        if (failures.Count > 0)
        {
            Assert.Fail(string.Join("\n", failures.Select(i =>
                $"edge case {i}: {cases[i].Policies}\n  cedar-wasm: {expected[i]}\n  chatopsjit: {actual[i]}")));
        }
    }

    private static string Coverage(IReadOnlyList<DiffAnswer> answers) =>
        $"reference: {answers.Count(a => a.Decision == "allow")} allow, {answers.Count(a => a.Errors.Count > 0)} with policy errors, " +
        $"{answers.Count(a => a.ParseError is not null)} parse errors, {answers.Count(a => a.RequestError is not null)} request errors";

    private static string Report(int seed, List<DiffCase> cases, IReadOnlyList<DiffAnswer> expected, List<DiffAnswer> actual, List<int> failures)
    {
        var sb = new StringBuilder($"{failures.Count} of {cases.Count} cases disagree (seed {seed}); indexes: {string.Join(", ", failures.Take(50).Select(i => cases[i].Index))}\n");
        foreach (var i in failures.Take(FailuresShown))
        {
            sb.Append($"\n===== case {cases[i].Index}: replay with CEDAR_DIFF_SEED={seed} CEDAR_DIFF_ONLY={cases[i].Index} =====\n")
                .Append(cases[i].Describe())
                .Append($"\n--- cedar-wasm ---\n{expected[i]}\n--- chatopsjit ---\n{actual[i]}\n");
        }
        return sb.ToString();
    }

    private static int? EnvInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
