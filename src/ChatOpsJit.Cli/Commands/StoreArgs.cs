using ChatOpsJit.Storage.Sqlite;

namespace ChatOpsJit.Cli.Commands;

/// <summary>Which store a command reads: <c>--db FILE</c> or <c>--connection-string CS</c> (default <c>./data/chatopsjit.db</c>).</summary>
internal static class StoreArgs
{
    public static string DefaultDatabase => Path.Combine("data", "chatopsjit.db");

    /// <summary>Opens the store, or returns an error line; never creates a database that is not there.</summary>
    public static async Task<(SqliteDatabase? Database, string? Error)> OpenAsync(IReadOnlyList<string> args)
    {
        string? connectionString = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--db" when i + 1 < args.Count:
                    var file = args[++i];
                    if (!File.Exists(file))
                    {
                        return (null, $"error: database file '{file}' does not exist");
                    }

                    connectionString = $"Data Source={file};Mode=ReadOnly";
                    break;
                case "--connection-string" when i + 1 < args.Count:
                    connectionString = args[++i];
                    break;
            }
        }

        if (connectionString is null)
        {
            if (!File.Exists(DefaultDatabase))
            {
                return (null, $"error: no database at '{DefaultDatabase}'; pass --db FILE (the host keeps it in its working folder's data/)");
            }

            connectionString = $"Data Source={DefaultDatabase};Mode=ReadOnly";
        }

        var database = new SqliteDatabase(connectionString);
        return (database, null);
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
