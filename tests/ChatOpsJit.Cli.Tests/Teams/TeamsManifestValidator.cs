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

        var (exitCode, stdout, stderr) = await NodeScript.RunAsync(Folder, "validate.js", manifests, "The Teams manifest check", Timeout);
        return (exitCode, (stdout + stderr).Trim());
    }
}
