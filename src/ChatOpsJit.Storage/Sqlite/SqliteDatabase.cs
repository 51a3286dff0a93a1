using System.Data.Common;
using ChatOpsJit.Storage.Sqlite.Migrations;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Storage.Sqlite;

/// <summary>One SQLite database file: how to connect, how to write, and its schema migrations.</summary>
/// <remarks>
/// Every operation opens its own (pooled) connection, so the stores are safe to share between threads.
/// The lock wait (<c>busy_timeout</c>) follows the connection string's <c>Default Timeout</c> (seconds, default 30).
/// </remarks>
public sealed class SqliteDatabase : IMigratingDatabase, IStoreDatabase
{
    private readonly GroupCommit<SqliteConnection, SqliteTransaction> _writes;

    public SqliteDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (string.IsNullOrWhiteSpace(dataSource) || dataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            // Each operation opens its own connection, so a private in-memory database would vanish between them.
            throw new ArgumentException("the SQLite store needs a database file (Data Source=path/to/file.db)", nameof(connectionString));
        }

        if (!dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        ConnectionString = builder.ToString();
        BusyTimeout = TimeSpan.FromSeconds(builder.DefaultTimeout);
        _writes = new GroupCommit<SqliteConnection, SqliteTransaction>(
            OpenConnectionAsync, (connection, _) => Task.FromResult(connection.BeginTransaction(deferred: false)));
    }

    /// <summary>How many commits the writes of this process shared (for benchmarks and tests).</summary>
    public (long Commits, long Writes) CommitCounts => _writes.Counts;

    public string ConnectionString { get; }

    /// <summary>How long a writer waits for another writer's lock before failing.</summary>
    public TimeSpan BusyTimeout { get; }

    private int BusyTimeoutMilliseconds => (int)Math.Min(int.MaxValue, (long)BusyTimeout.TotalMilliseconds);

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestSchemaVersion => SqliteMigrations.Latest;

    /// <summary>Opens a connection with this database's settings; the caller disposes it.</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Per connection, not per file: without it a writer that finds the lock taken fails at once instead of queueing.
            // Set through the C API, as PRAGMA busy_timeout would be: every operation opens a (pooled) connection, and a
            // statement would be parsed each time.
            SqliteException.ThrowExceptionForRC(SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds), connection.Handle);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Applies the migrations this database lacks; returns how many it applied (0 when up to date).</summary>
    /// <exception cref="SqliteSchemaTooNewException">The database was migrated by a newer build.</exception>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        // WAL lets readers carry on while one writer commits; the setting is stored in the file.
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        await connection.ExecuteAsync(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER NOT NULL PRIMARY KEY,
                name       TEXT    NOT NULL,
                applied_at TEXT    NOT NULL
            );
            """);

        var current = await ReadSchemaVersionAsync(connection, null, cancellationToken);
        if (current > LatestSchemaVersion)
        {
            throw new SqliteSchemaTooNewException(current, LatestSchemaVersion);
        }

        var applied = 0;
        foreach (var migration in SqliteMigrations.All.Where(m => m.Version > current))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var transaction = connection.BeginTransaction(deferred: false);
            // Another replica starting at the same moment may have applied it while we waited for the lock.
            if (await ReadSchemaVersionAsync(connection, transaction, cancellationToken) >= migration.Version)
            {
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
            // applied_at is informational, so the database's clock is good enough here (no TimeProvider this early).
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));",
                new { migration.Version, migration.Name }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            applied++;
        }

        return applied;
    }

    /// <summary>The schema version recorded in the database; 0 when it was never migrated.</summary>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var hasTable = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations';", cancellationToken: cancellationToken));
        return hasTable == 0 ? 0 : await ReadSchemaVersionAsync(connection, null, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a <c>BEGIN IMMEDIATE</c> transaction shared with the other writes that arrive with it
    /// (<see cref="GroupCommit{TConnection,TTransaction}"/>), and returns once that transaction has committed. A write that
    /// throws is undone alone; a write that refuses a change must simply write nothing.
    /// </summary>
    /// <remarks>
    /// IMMEDIATE takes the write lock before the first read, so two processes' writers queue on <c>busy_timeout</c> instead of
    /// both reading under a shared lock and then deadlocking (SQLITE_BUSY) when each tries to upgrade. Within this process
    /// there is one writer: SQLite runs one at a time anyway, a writer waiting on <c>busy_timeout</c> blocks its thread, and
    /// one commit (one fsync) for a burst of transitions is what lets a team's requests arrive at once.
    /// </remarks>
    internal Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        _writes.WriteAsync(work, cancellationToken);

    internal async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await work(connection);
    }

    StoreDialect IStoreDatabase.Dialect => StoreDialect.Sqlite;

    Task<T> IStoreDatabase.WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => work(connection, transaction), cancellationToken);

    Task<T> IStoreDatabase.ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken) =>
        ReadAsync(connection => work(connection), cancellationToken);

    private static async Task<int> ReadSchemaVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT max(version) FROM schema_migrations;", transaction: transaction, cancellationToken: cancellationToken)) ?? 0;
}
