using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ChatOpsJit.Cli.Tests.Teams;

/// <summary>
/// Runs tests/teams-manifest/validate.js: Microsoft's JSON schema for each manifest's own manifestVersion, as
/// @microsoft/app-manifest ships it, applied with ajv (draft-04). Needs node and <c>npm ci</c> in tests/teams-manifest
/// (./test.sh runs it); without them the tests fail saying so, never pass.
/// </summary>
internal static class TeamsManifestValidator
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Folder => Path.Combine(PolicyValidateCommandTests.RepoRoot(), "tests", "teams-manifest");

    public static string PackageFolder => Path.Combine(Folder, "node_modules", "@microsoft", "app-manifest");

    /// <summary>The schema file the package ships for <paramref name="manifestVersion"/> (which may not exist).</summary>
    public static string SchemaFile(string manifestVersion) =>
        Path.Combine(PackageFolder, "build", "json-schemas", "teams", $"v{manifestVersion}", "MicrosoftTeams.schema.json");

    /// <summary>Exit code 0 all valid, 1 some invalid, 2 could not run; the output holds every line validate.js printed.</summary>
    /// <exception cref="InvalidOperationException">node or the npm packages are missing (never a silent pass).</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] manifests)
    {
        if (!Directory.Exists(PackageFolder) || !Directory.Exists(Path.Combine(Folder, "node_modules", "ajv-draft-04")))
        {
            throw new InvalidOperationException($"The Teams manifest check needs its npm packages: run `npm ci` in {Folder} (./test.sh does this).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("validate.js");
        foreach (var manifest in manifests)
        {
            start.ArgumentList.Add(manifest);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"The Teams manifest check needs node on PATH: {e.Message}", e);
        }

        using (process)
        using (var timeout = new CancellationTokenSource(Timeout))
        {
            // Both pipes are read at once so a chatty one cannot block the child.
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node validate.js did not finish within {Timeout}");
            }

            return (process.ExitCode, ((await stdout) + (await stderr)).Trim());
        }
    }
}
