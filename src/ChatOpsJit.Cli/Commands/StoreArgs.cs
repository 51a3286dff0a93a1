using ChatOpsJit.Cli.Options;
using ChatOpsJit.Storage.Sqlite;

namespace ChatOpsJit.Cli.Commands;

/// <summary>Which store a command reads: <c>--db FILE</c> or <c>--connection-string CS</c> (default <c>./data/chatopsjit.db</c>).</summary>
internal static class StoreArgs
{
    public static string DefaultDatabase => Path.Combine("data", "chatopsjit.db");

    /// <summary>The store options, for any command that reads the store (add them to its <see cref="CommandSpec"/>).</summary>
    public static readonly OptionSpec[] Options =
    [
        new("db", "FILE", "the host's SQLite file, opened read-only (default ./data/chatopsjit.db)"),
        new("connection-string", "CS", "a connection string instead of --db"),
    ];

    public const string Help = "The host keeps its database in its working folder's data/ (src/ChatOpsJit.Host/data/ under dotnet run).";

    /// <summary>Opens the store named by the parsed <see cref="Options"/>, or returns an error line; both at once is a usage error.</summary>
    public static Task<(SqliteDatabase? Database, string? Error)> OpenAsync(ParsedOptions options) =>
        options.Has("db") && options.Has("connection-string")
            ? throw new UsageException("give --db or --connection-string, not both")
            : Task.FromResult(Open(options.Get("db"), options.Get("connection-string")));

    /// <summary>Opens the store, or returns an error line; never creates a database that is not there.</summary>
    public static Task<(SqliteDatabase? Database, string? Error)> OpenAsync(IReadOnlyList<string> args)
    {
        string? file = null, connectionString = null;
        for (var i = 0; i < args.Count - 1; i++)
        {
            switch (args[i])
            {
                case "--db":
                    file = args[++i];
                    break;
                case "--connection-string":
                    connectionString = args[++i];
                    break;
            }
        }

        return Task.FromResult(Open(file, connectionString));
    }

    private static (SqliteDatabase? Database, string? Error) Open(string? file, string? connectionString)
    {
        if (connectionString is not null)
        {
            return (new SqliteDatabase(connectionString), null);
        }

        if (file is not null && !File.Exists(file))
        {
            return (null, $"error: database file '{file}' does not exist");
        }

        if (file is null && !File.Exists(DefaultDatabase))
        {
            return (null, $"error: no database at '{DefaultDatabase}'; pass --db FILE (the host keeps it in its working folder's data/)");
        }

        return (new SqliteDatabase($"Data Source={file ?? DefaultDatabase};Mode=ReadOnly"), null);
    }

    public static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }
}
