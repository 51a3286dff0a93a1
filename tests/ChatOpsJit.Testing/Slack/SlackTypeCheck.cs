using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>Type-checks Slack payloads against Slack's published TypeScript types (@slack/types) with tests/slack-types/check.js.</summary>
/// <remarks>
/// The payloads are written to a temporary folder and compiled in one run (strict, with excess-property checks).
/// Types catch shapes (an unknown field, <c>"style": "purple"</c>), not lengths; BlockKitLimits checks those.
/// </remarks>
public static class SlackTypeCheck
{
    /// <summary>A message body: <c>text</c> and <c>blocks</c>, maybe with chat.postMessage's envelope fields (channel, thread_ts, …).</summary>
    public const string Message = "message";
    public const string Modal = "modal";
    public const string Home = "home";
    /// <summary>An answer to a block_suggestion: <c>{"options": [...]}</c>.</summary>
    public const string Options = "options";

    private static readonly string[] Kinds = [Message, Modal, Home, Options];
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The repository root: the first ancestor of the test binaries holding ChatOpsJit.sln.</summary>
    public static string RepoRoot()
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

    /// <summary>
    /// Checks every payload in one compiler run; exit code 0 when all type-check, else 1 with each diagnostic (and the
    /// payload file it came from, named <c>{index}-{kind}.json</c> in input order) in the output.
    /// </summary>
    /// <exception cref="InvalidOperationException">The check cannot run: node or the npm packages are missing (never a silent pass).</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<(string Kind, JsonNode Payload)> payloads, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        var checker = Path.Combine(RepoRoot(), "tests", "slack-types");
        if (!Directory.Exists(Path.Combine(checker, "node_modules", "@slack", "types")) || !Directory.Exists(Path.Combine(checker, "node_modules", "typescript")))
        {
            throw new InvalidOperationException(
                $"The Slack type check needs its npm packages: run `npm ci` in {checker} (./test.sh does this).");
        }

        var dir = Directory.CreateTempSubdirectory("slack-types-");
        try
        {
            var count = 0;
            foreach (var (kind, payload) in payloads)
            {
                if (!Kinds.Contains(kind, StringComparer.Ordinal))
                {
                    throw new ArgumentException($"kind '{kind}' is not one of {string.Join(", ", Kinds)}", nameof(payloads));
                }

                var entry = new JsonObject { ["kind"] = kind, ["payload"] = payload.DeepClone() };
                await File.WriteAllTextAsync(Path.Combine(dir.FullName, $"{count:D4}-{kind}.json"), entry.ToJsonString(), ct).ConfigureAwait(false);
                count++;
            }

            return await RunNodeAsync(checker, dir.FullName, ct).ConfigureAwait(false);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string checker, string payloadDir, CancellationToken ct)
    {
        var (exitCode, stdout, stderr) = await NodeScript.RunAsync(checker, "check.js", [payloadDir], "The Slack type check", Timeout, ct).ConfigureAwait(false);
        return (exitCode, (stdout + stderr).Trim());
    }
}
