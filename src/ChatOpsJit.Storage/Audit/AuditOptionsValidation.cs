using Microsoft.Extensions.Options;

namespace ChatOpsJit.Storage.Audit;

/// <summary>
/// Start-up checks of the <c>Audit</c> section, one line each, naming the setting: keys that are not base64 keys of at
/// least 32 bytes, and a key file that is open to group or others (with the <c>chmod</c> that fixes it) or holds a bad line.
/// </summary>
public sealed class AuditOptionsValidation(IOptions<StorageOptions> storage) : IValidateOptions<AuditOptions>
{
    internal const string PostgresNeedsKey =
        "Audit: with Storage:Provider=postgres set Audit:Key (base64, for example from Audit__Key) or Audit:KeyFile " +
        "(a key ring file every replica can read): there is no database file to keep the key beside.";

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (IsPostgres() && string.IsNullOrWhiteSpace(options.Key) && string.IsNullOrWhiteSpace(options.KeyFile))
        {
            problems.Add(PostgresNeedsKey);
        }
        if (!string.IsNullOrWhiteSpace(options.Key) && !Core.Audit.AuditKey.TryParse(options.Key, out _, out var keyProblem))
        {
            problems.Add($"Audit:Key: the value {keyProblem}.");
        }

        for (var i = 0; i < options.RetiredKeys.Count; i++)
        {
            if (!Core.Audit.AuditKey.TryParse(options.RetiredKeys[i], out _, out var retiredProblem))
            {
                problems.Add($"Audit:RetiredKeys:{i}: the value {retiredProblem}.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Key) && KeyFile(options) is { } path && File.Exists(path) && KeyFileProblem(path) is { } problem)
        {
            problems.Add($"Audit:KeyFile: {problem}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static string? KeyFileProblem(string path)
    {
        try
        {
            return AuditKeyFile.PermissionProblem(path) ?? AuditKeyFile.Parse(path, File.ReadAllText(path)).Error;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"'{path}' cannot be read ({e.Message}); the host needs to read it (and to be its owner)";
        }
    }

    private string? KeyFile(AuditOptions options)
    {
        try
        {
            return AuditPaths.KeyFile(options, storage.Value);
        }
        catch (Exception e) when (e is OptionsValidationException or ArgumentException or InvalidOperationException)
        {
            // The Storage section reports its own problem; without a database path there is no default key file to check.
            return string.IsNullOrWhiteSpace(options.KeyFile) ? null : Path.GetFullPath(options.KeyFile);
        }
    }

    private bool IsPostgres()
    {
        try
        {
            return storage.Value.IsPostgres;
        }
        catch (OptionsValidationException)
        {
            // An invalid Storage section reports its own problem.
            return false;
        }
    }
}
