using ChatOpsJit.Cli.Options;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Storage.Audit;
using ChatOpsJit.Storage.Sqlite;

namespace ChatOpsJit.Cli.Commands;

/// <summary>
/// Where an audit command finds the database, the keys and the anchors: its options, else the environment variables the
/// host reads (<c>Audit__Key</c>, <c>Audit__RetiredKeys__0…</c>, <c>Audit__KeyFile</c>, <c>Audit__AnchorFile</c>), else
/// the files the embedded default keeps beside the database, so <c>--db PATH</c> alone is enough there.
/// </summary>
internal sealed record AuditSources(SqliteDatabase Database, string DatabaseFile, ParsedOptions Options, AuditCliEnvironment Environment)
{
    public const string KeyVariable = "Audit__Key";
    public const string RetiredKeysVariable = "Audit__RetiredKeys__";
    public const string KeyFileVariable = "Audit__KeyFile";
    public const string AnchorFileVariable = "Audit__AnchorFile";

    /// <summary>Opens the store as <see cref="StoreArgs"/> does (read-only, never creates one); or an error line.</summary>
    public static async Task<(AuditSources? Sources, string? Error)> OpenAsync(ParsedOptions options, AuditCliEnvironment environment)
    {
        var (database, problem) = await StoreArgs.OpenAsync(options).ConfigureAwait(false);
        return database is null
            ? (null, problem)
            : (new AuditSources(database, AuditPaths.DatabaseFile(database.ConnectionString), options, environment), null);
    }

    /// <summary>The keys to verify with and a phrase saying where they came from; or an error line.</summary>
    public (IReadOnlyList<AuditKey> Keys, string Origin, string? Error) Keys()
    {
        var retired = new List<AuditKey>();
        for (var i = 0; Environment.Variable(RetiredKeysVariable + i) is { } text; i++)
        {
            if (!AuditKey.TryParse(text, out var key, out var problem))
            {
                return ([], "", $"error: {RetiredKeysVariable}{i}: the value {problem}");
            }

            retired.Add(key);
        }

        if (Options.Get("key-file") is { } keyFile)
        {
            return FromFile(keyFile, retired, mustExist: true);
        }

        if (Environment.Variable(KeyVariable) is { Length: > 0 } base64)
        {
            return AuditKey.TryParse(base64, out var key, out var problem)
                ? ([key, .. retired], KeyVariable, null)
                : ([], "", $"error: {KeyVariable}: the value {problem}");
        }

        if (Environment.Variable(KeyFileVariable) is { Length: > 0 } configured)
        {
            return FromFile(configured, retired, mustExist: true);
        }

        return FromFile(AuditPaths.Beside(DatabaseFile, AuditPaths.KeyExtension), retired, mustExist: false);
    }

    /// <summary>The key ring file rotate-key appends to.</summary>
    public string KeyFile() =>
        Options.Get("key-file") ?? (Environment.Variable(KeyFileVariable) is { Length: > 0 } configured ? configured : AuditPaths.Beside(DatabaseFile, AuditPaths.KeyExtension));

    /// <summary>The anchor file, and whether it was named explicitly (then it must exist).</summary>
    public (string Path, bool Named) AnchorFile() =>
        Options.Get("anchor-file") is { } given ? (given, true)
        : Environment.Variable(AnchorFileVariable) is { Length: > 0 } configured ? (configured, true)
        : (AuditPaths.Beside(DatabaseFile, AuditPaths.AnchorExtension), false);

    private static (IReadOnlyList<AuditKey> Keys, string Origin, string? Error) FromFile(string path, List<AuditKey> retired, bool mustExist)
    {
        if (!File.Exists(path))
        {
            return mustExist
                ? ([], "", $"error: key file '{path}' does not exist")
                : (retired, $"no key file at '{path}' and no {KeyVariable}", null);
        }

        try
        {
            return ([.. AuditKeyFile.Read(path).All, .. retired], $"key file '{path}'", null);
        }
        catch (AuditKeyFileException e)
        {
            return ([], "", $"error: {e.Message}");
        }
    }
}
