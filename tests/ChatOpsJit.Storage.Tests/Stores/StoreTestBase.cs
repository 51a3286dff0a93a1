using System.Data.Common;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Storage.Postgres;
using ChatOpsJit.Storage.Sqlite;
using ChatOpsJit.Testing.Postgres;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Storage.Tests.Stores;

/// <summary>
/// The store contract suite's base: each test gets a fresh, migrated database of the fixture's provider (a SQLite file in
/// its own temp folder, or a fresh database on the shared PostgreSQL), the stores over it, and raw-SQL helpers that read
/// the same on both.
/// </summary>
public abstract class StoreTestBase(string provider)
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private string folder = "";
    private string connectionString = "";
    private SqliteDatabase? sqlite;
    private PostgresDatabase? postgres;
    private readonly List<PostgresDatabase> reopened = [];

    protected string Provider { get; } = provider;

    protected bool IsPostgres => Provider == StorageOptions.Postgres;

    /// <summary>The key the stores under test seal audit records with (a fresh one per test).</summary>
    protected AuditKeyRing AuditKeys { get; private set; } = null!;

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        AuditKeys = new AuditKeyRing(AuditKey.Generate());
        if (IsPostgres)
        {
            connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
            postgres = await OpenPostgresAsync(connectionString);
        }
        else
        {
            folder = Path.Combine(Path.GetTempPath(), "chatopsjit-storage-tests", Guid.NewGuid().ToString("N"));
            connectionString = $"Data Source={Path.Combine(folder, "data", "test.db")}";
            sqlite = await SqliteStore.OpenAsync(connectionString);
        }
    }

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        if (IsPostgres)
        {
            foreach (var database in reopened.Append(postgres!))
            {
                await database.DisposeAsync();
            }

            await (await PostgresServer.SharedAsync()).DropDatabaseAsync(connectionString);
            return;
        }

        // Pooled connections keep the file open; release them so the folder can go.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    protected IAccessRequestStore NewRequestStore(AuditKeyRing? keys = null) => IsPostgres
        ? new PostgresAccessRequestStore(postgres!, keys ?? AuditKeys)
        : new SqliteAccessRequestStore(sqlite!, keys ?? AuditKeys);

    /// <summary>A store for reading only (what the CLI opens): no audit key.</summary>
    protected IAccessRequestStore NewReadOnlyRequestStore() => IsPostgres ? new PostgresAccessRequestStore(postgres!) : new SqliteAccessRequestStore(sqlite!);

    /// <summary>How many commits the writes to the database under test shared.</summary>
    protected (long Commits, long Writes) CommitCounts => IsPostgres ? postgres!.CommitCounts : sqlite!.CommitCounts;

    protected IJobStore NewJobStore() => new JobStore(Database);

    protected IOutboxStore NewOutboxStore() => IsPostgres ? new PostgresOutboxStore(postgres!) : new SqliteOutboxStore(sqlite!);

    protected IAuditLogTail NewAuditLog() => IsPostgres ? new PostgresAuditLog(postgres!) : new SqliteAuditLog(sqlite!);

    // The stores written once against IStoreDatabase, on the database under test.
    protected IStoreDatabase Database => IsPostgres ? postgres! : sqlite!;

    protected IPostedMessageLedger NewLedger(TimeProvider time) => new PostedMessageLedger(Database, time);

    protected IConversationStore NewConversations(TimeProvider time) => new ConversationStore(Database, time);

    protected IConsoleTranscriptStore NewTranscript() => new ConsoleTranscriptStore(Database);

    protected ISandboxGrantStore NewSandboxGrants() => new SandboxGrantStore(Database);

    /// <summary>The same data opened afresh (migrations run again), as a restarted host would open it.</summary>
    protected async Task<IConsoleTranscriptStore> ReopenedTranscriptAsync() => new ConsoleTranscriptStore(await ReopenedDatabaseAsync());

    /// <inheritdoc cref="ReopenedTranscriptAsync"/>
    protected async Task<IPostedMessageLedger> ReopenedLedgerAsync(TimeProvider time) => new PostedMessageLedger(await ReopenedDatabaseAsync(), time);

    private async Task<IStoreDatabase> ReopenedDatabaseAsync() =>
        IsPostgres ? await ReopenPostgresAsync() : await SqliteStore.OpenAsync(connectionString);

    /// <summary>A time as this provider stores it, for raw-SQL comparisons (text in SQLite, timestamptz in PostgreSQL).</summary>
    protected object DbTime(DateTimeOffset at) => Database.Dialect.ToDb(at);

    /// <summary>A time column read back by raw SQL; null when it is NULL.</summary>
    protected async Task<DateTimeOffset?> TimeAsync(string sql, object? args = null)
    {
        var value = await ScalarAsync<object?>(sql, args);
        return value is null or DBNull ? null : Database.Dialect.FromDb(value);
    }

    protected async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = await OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    protected async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = await OpenAsync();
        return (await connection.QueryAsync<T>(sql, args)).ToList();
    }

    protected async Task<int> ExecuteAsync(string sql, object? args = null)
    {
        await using var connection = await OpenAsync();
        return await connection.ExecuteAsync(sql, args);
    }

    protected Task<long> CountAsync(string table, string where = "1 = 1") => ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {where};");

    /// <summary>Runs <paramref name="count"/> calls that really overlap (see <see cref="Race"/>).</summary>
    protected static Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> call) => Race.RunAsync(count, call);

    private async Task<DbConnection> OpenAsync() => IsPostgres ? await postgres!.OpenConnectionAsync() : await sqlite!.OpenConnectionAsync();

    private async Task<PostgresDatabase> ReopenPostgresAsync()
    {
        var database = await OpenPostgresAsync(connectionString);
        reopened.Add(database);
        return database;
    }

    private static async Task<PostgresDatabase> OpenPostgresAsync(string connectionString)
    {
        var database = new PostgresDatabase(connectionString);
        await database.MigrateAsync();
        return database;
    }
}
