using ChatOpsJit.Cli.Options;
using ChatOpsJit.Storage.Audit;

namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit audit rotate-key`: appends a fresh key to the embedded default's key ring; the host seals with it from its next start.</summary>
internal static class AuditRotateKeyCommand
{
    public static readonly CommandSpec Spec = new(
        "audit rotate-key",
        "Appends a new key to the key ring file and prints its id; the host seals with it from its next start.",
        ["audit rotate-key [--db FILE | --connection-string CS | --key-file FILE]"],
        [
            .. StoreArgs.Options,
            new("key-file", "FILE", "the key ring file itself (default: Audit__KeyFile, else beside the database)"),
        ])
    {
        Details = $"""
            The host's first record after its next start is an audit.key-rotated record that opens a new epoch. The older
            keys stay in the file, to verify the epochs they sealed. Only the new key's id is printed, never a key.
            key ring: --key-file (then no database is needed), else Audit__KeyFile, else <db name>.audit-key beside the
            database that --db or --connection-string names; the database itself is not written.
            Where the key comes from Audit:Key (production: Audit__Key is set), rotate-key refuses: set a new Audit:Key
            and move the old one into Audit:RetiredKeys instead.
            exit status: 0 appended, 1 bad input (command line, Audit__Key set, no database or key file, a key file that
            cannot be read or written).
            {StoreArgs.Help}
            """,
        Examples = ["chatopsjit audit rotate-key --db data/chatopsjit.db"],
    };

    public static async Task<int> RunAsync(ParsedOptions options, TextWriter output, TextWriter error, AuditCliEnvironment environment)
    {
        if (environment.Variable(AuditSources.KeyVariable) is { Length: > 0 })
        {
            error.WriteLine($"error: {AuditSources.KeyVariable} is set, so the host seals with that key, not with a key file: " +
                            "set a new Audit:Key and move the old one into Audit:RetiredKeys");
            return CliCommand.BadInput;
        }

        string path;
        if (options.Get("key-file") is { } given)
        {
            path = given;
        }
        else
        {
            var (sources, problem) = await AuditSources.OpenAsync(options, environment);
            if (sources is null)
            {
                error.WriteLine(problem);
                return CliCommand.BadInput;
            }

            path = sources.KeyFile();
        }

        if (!File.Exists(path))
        {
            error.WriteLine($"error: no key file at '{path}' (the host creates it at its first start; or pass --key-file)");
            return CliCommand.BadInput;
        }

        try
        {
            var key = AuditKeyFile.AppendNew(path, environment.Time.GetUtcNow());
            output.WriteLine($"new audit key {key.Id} appended to '{path}' ({AuditKeyFile.Read(path).All.Count} keys in the ring)");
            output.WriteLine("the host seals with it from its next start; the older keys stay in the file to verify their epochs");
            return 0;
        }
        catch (Exception e) when (e is AuditKeyFileException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return CliCommand.BadInput;
        }
    }
}
