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

    public const string Help = "The host keeps its database in its working folder's data/ (the repository root's data/ under dotnet run, where these commands run too).";

    /// <summary>
    /// Opens the store named by the parsed <see cref="Options"/> (a file read-only), or returns an error line; never creates
    /// a database that is not there. Both options at once is a usage error.
    /// </summary>
    public static Task<(SqliteDatabase? Database, string? Error)> OpenAsync(ParsedOptions options) =>
        options.Has("db") && options.Has("connection-string")
            ? throw new UsageException("give --db or --connection-string, not both")
            : Task.FromResult(Open(options.Get("db"), options.Get("connection-string")));

    private static (SqliteDatabase? Database, string? Error) Open(string? file, string? connectionString)
    {
        try
        {
            return connectionString is not null ? (new SqliteDatabase(connectionString), null) : OpenFile(file);
        }
        catch (ArgumentException e)
        {
            // A connection string SQLite cannot read, or one naming no file (":memory:").
            return (null, $"error: {e.Message}");
        }
    }

    private static (SqliteDatabase? Database, string? Error) OpenFile(string? file)
    {
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
}
