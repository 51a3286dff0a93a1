using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.AdaptiveCards;

/// <summary>Parses and validates Adaptive Cards with Microsoft's own library (npm adaptivecards 3.0.6) through tests/adaptivecards/validate.js.</summary>
/// <remarks>
/// One node run checks a whole batch. The library is told the host renders up to 1.5 and uses Teams' published host
/// config values; see validate.js for what it checks. It reads no property it does not know, <c>msteams</c> included,
/// so the Teams-only parts are checked here in C# (<see cref="CardCheck.TeamsEvents"/>).
/// </remarks>
public static class AdaptiveCardParser
{
    /// <summary>The highest card version Teams renders.</summary>
    public static readonly Version TeamsVersion = new(1, 5);

    /// <summary>Teams refuses a message over this many UTF-16 bytes.</summary>
    public const int TeamsLimitBytes = 100 * 1024;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Checks every card (an attachment's <c>content</c>) in one run of validate.js, in input order.</summary>
    /// <exception cref="InvalidOperationException">The check cannot run: node or the npm package is missing (never a silent pass).</exception>
    public static async Task<IReadOnlyList<CardCheck>> CheckAsync(IEnumerable<JsonNode> cards, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var batch = new JsonArray(cards.Select(c => c.DeepClone()).ToArray());
        var validator = Path.Combine(RepoRoot(), "tests", "adaptivecards");
        if (!File.Exists(Path.Combine(validator, "node_modules", "adaptivecards", "dist", "adaptivecards.js")))
        {
            throw new InvalidOperationException(
                $"Microsoft's Adaptive Cards library is not installed in {validator}: run ./test.sh or `cd tests/adaptivecards && npm ci`.");
        }

        var file = Path.Combine(Path.GetTempPath(), $"adaptivecards-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(file, batch.ToJsonString(), ct).ConfigureAwait(false);
            var (exitCode, stdout, stderr) = await RunNodeAsync(validator, file, ct).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"node validate.js exited with {exitCode}: {stderr.Trim()}");
            }

            var results = JsonNode.Parse(stdout)?.AsArray() ?? throw new InvalidOperationException("validate.js printed no JSON array");
            if (results.Count != batch.Count)
            {
                throw new InvalidOperationException($"validate.js answered for {results.Count} cards of {batch.Count}");
            }

            return results.Select((r, i) => new CardCheck(
                i,
                (string?)r!["version"],
                Events(r["parseEvents"]),
                Events(r["validationEvents"]),
                Events(r["fallbackEvents"]),
                TeamsChecks.Check(batch[i]),
                batch[i]!.ToJsonString().Length * 2)).ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Fails, listing every problem of every card, unless each card parses and validates without an event (also as an
    /// older client reads it), has sound Teams-only parts, a version of at most 1.5, and is under 100 KB.
    /// </summary>
    public static async Task AssertAllValidAsync(IEnumerable<JsonNode> cards, CancellationToken ct = default)
    {
        var checks = await CheckAsync(cards, ct).ConfigureAwait(false);
        var problems = checks.SelectMany(Problems).ToList();
        Assert.That(checks, Is.Not.Empty, "no cards were checked");
        if (problems.Count > 0)
        {
            Assert.Fail($"{problems.Count} problem(s) in {checks.Count} card(s):\n" + string.Join('\n', problems));
        }
    }

    /// <summary>Each problem of one card, in words naming the card's index.</summary>
    public static IEnumerable<string> Problems(CardCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var at = $"card {check.Index}";
        foreach (var e in check.ParseEvents.Concat(check.ValidationEvents).Concat(check.TeamsEvents))
        {
            yield return $"{at}: {e}";
        }
        foreach (var e in check.FallbackEvents)
        {
            yield return $"{at} (read without Action.Execute): {e}";
        }

        if (!System.Version.TryParse(check.Version, out var version) || version.Major < 1)
        {
            yield return $"{at}: version '{check.Version}' is not a card version";
        }
        else if (version > TeamsVersion)
        {
            yield return $"{at}: version {check.Version} is above {TeamsVersion}, the highest Teams renders";
        }

        if (check.Utf16Bytes >= TeamsLimitBytes)
        {
            yield return $"{at}: {check.Utf16Bytes.ToString(CultureInfo.InvariantCulture)} UTF-16 bytes, at or over Teams' {TeamsLimitBytes}";
        }
    }

    /// <summary>The repository root: the first ancestor of the test binaries holding ChatOpsJit.sln.</summary>
    private static string RepoRoot()
    {
        foreach (var start in new[] { TestContext.CurrentContext.TestDirectory, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ChatOpsJit.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException($"ChatOpsJit.sln not found above {TestContext.CurrentContext.TestDirectory}");
    }

    private static List<CardEvent> Events(JsonNode? events) =>
        events?.AsArray().Select(e => new CardEvent((string?)e!["event"] ?? "?", (string?)e["phase"] ?? "?", (string?)e["message"] ?? "")).ToList() ?? [];

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunNodeAsync(string validator, string file, CancellationToken ct) =>
        NodeScript.RunAsync(validator, "validate.js", [file], "The Adaptive Cards check", Timeout, ct);
}
