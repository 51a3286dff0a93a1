namespace ChatOpsJit.Storage.Sqlite;

/// <summary>Start-up entry point: opens the database file and brings its schema up to date.</summary>
public static class SqliteStore
{
    public static async Task<SqliteDatabase> OpenAsync(string connectionString, CancellationToken ct = default)
    {
        var database = new SqliteDatabase(connectionString);
        await database.MigrateAsync(ct);
        return database;
    }
}
