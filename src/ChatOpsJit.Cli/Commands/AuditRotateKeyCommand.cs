using ChatOpsJit.Storage.Audit;

namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit audit rotate-key`: appends a fresh key to the embedded default's key ring; the host seals with it from its next start.</summary>
internal static class AuditRotateKeyCommand
{
    public const string Usage = """
        usage: chatopsjit audit rotate-key [--db FILE | --connection-string CS | --key-file FILE]

        Appends a new key to the key ring file and prints its id. The host seals with the new key from its next start:
        its first record then is an audit.key-rotated record that opens a new epoch. The older keys stay in the file,
        to verify the epochs they sealed. Where the key comes from Audit:Key (production), rotate by setting a new
        Audit:Key and moving the old one into Audit:RetiredKeys instead.

          --db FILE               the database whose key ring (<db name>.audit-key beside it) to rotate
          --connection-string CS  the same, named by a SQLite connection string
          --key-file FILE         the key ring file itself (default: Audit__KeyFile, else beside the database)
        """;

    private static readonly string[] Valued = ["--db", "--connection-string", "--key-file"];

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, AuditCliEnvironment environment)
    {
        var (options, exit) = AuditCommands.Options(args, Usage, Valued, [], output, error);
        if (options is null)
        {
            return exit;
        }

        if (environment.Variable(AuditSources.KeyVariable) is { Length: > 0 })
        {
            error.WriteLine($"error: {AuditSources.KeyVariable} is set, so the host seals with that key, not with a key file: " +
                            "set a new Audit:Key and move the old one into Audit:RetiredKeys");
            return Commands.Usage.BadInput;
        }

        string path;
        if (options["--key-file"] is { } given)
        {
            path = given;
        }
        else
        {
            var (sources, problem) = AuditSources.Open(options, environment);
            if (sources is null)
            {
                error.WriteLine(problem);
                return Commands.Usage.BadInput;
            }

            path = sources.KeyFile();
        }

        if (!File.Exists(path))
        {
            error.WriteLine($"error: no key file at '{path}' (the host creates it at its first start; or pass --key-file)");
            return Commands.Usage.BadInput;
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
            return Commands.Usage.BadInput;
        }
    }
}
