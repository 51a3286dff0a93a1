using ChatOpsJit.Core.Audit;
using ChatOpsJit.Storage.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Storage.Tests.Sqlite;

/// <summary>Gives each test a fresh, migrated SQLite file in its own temp folder, and raw-SQL helpers to look inside.</summary>
public abstract class SqliteTestBase
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected string Folder { get; private set; } = "";

    protected string DatabasePath => Path.Combine(Folder, "data", "test.db");

    protected string ConnectionString => $"Data Source={DatabasePath}";

    protected SqliteDatabase Database { get; private set; } = null!;

    /// <summary>The key the stores under test seal audit records with (a fresh one per test).</summary>
    protected AuditKeyRing AuditKeys { get; private set; } = null!;

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        Folder = Path.Combine(Path.GetTempPath(), "chatopsjit-storage-tests", Guid.NewGuid().ToString("N"));
        AuditKeys = new AuditKeyRing(AuditKey.Generate());
        Database = await SqliteStore.OpenAsync(ConnectionString);
    }

    [TearDown]
    public void DeleteFolder()
    {
        // Pooled connections keep the file open; release them so the folder can go.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    protected async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = await Database.OpenConnectionAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    protected async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = await Database.OpenConnectionAsync();
        return (await connection.QueryAsync<T>(sql, args)).ToList();
    }

    protected async Task<int> ExecuteAsync(string sql, object? args = null)
    {
        await using var connection = await Database.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, args);
    }

    protected Task<long> CountAsync(string table, string where = "1") => ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {where};");

    /// <summary>Runs <paramref name="count"/> calls that really overlap (see <see cref="Race"/>).</summary>
    protected static Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> call) => Race.RunAsync(count, call);
}
