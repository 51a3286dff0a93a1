using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>Runs the Cedar reference (cedar-wasm under node, tests/cedar-reference/decide.js) over a batch of cases.</summary>
internal static class CedarReference
{
    /// <summary>The repository root: the first ancestor of the test binaries (or of the working directory) holding ChatOpsJit.sln.</summary>
    public static string RepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ChatOpsJit.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException($"ChatOpsJit.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>Decides every case with one node process; answers come back in case order.</summary>
    public static IReadOnlyList<DiffAnswer> Decide(IReadOnlyList<DiffCase> cases)
    {
        var dir = Path.Combine(RepoRoot(), "tests", "cedar-reference");
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "@cedar-policy", "cedar-wasm")))
        {
            Run("npm", ["ci", "--no-audit", "--no-fund"], dir, TimeSpan.FromMinutes(3));
        }
        var input = Path.Combine(Path.GetTempPath(), $"cedar-diff-{Environment.ProcessId}-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllLines(input, cases.Select(c => c.ForReference().ToJsonString()), new UTF8Encoding(false));
            var stdout = Run("node", ["decide.js", input], dir, TimeSpan.FromMinutes(2));
            var answers = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => DiffAnswer.FromJson((JsonObject)JsonNode.Parse(line)!)).ToList();
            if (answers.Count != cases.Count)
            {
                throw new InvalidOperationException($"decide.js answered {answers.Count} of {cases.Count} cases");
            }
            return answers;
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static string Run(string file, string[] args, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        // Read both pipes concurrently so a chatty stderr cannot block the child.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result}");
        }
        return stdout.Result;
    }
}
