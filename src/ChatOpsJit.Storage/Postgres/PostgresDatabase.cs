using System.Data.Common;
using System.Runtime.CompilerServices;
using ChatOpsJit.Storage.Audit;
using ChatOpsJit.Storage.Postgres.Migrations;
using Dapper;
using Npgsql;

namespace ChatOpsJit.Storage.Postgres;

/// <summary>One PostgreSQL database shared by every replica: how to connect, how to write, and its schema migrations.</summary>
/// <remarks>
/// Each instance owns a connection pool; every operation takes its own connection from it, so the stores are safe to
/// share between threads. Separate instances (replicas) meet only in the database: row locks, <c>SKIP LOCKED</c> claims
/// and advisory locks, never in process memory.
/// </remarks>
public sealed class PostgresDatabase : IMigratingDatabase, IAsyncDisposable, IStoreDatabase
{
    // Fixed keys of the two advisory locks; any bigint works as long as no other application on the database uses it.
    private const long MigrationLockKey = 0x43_68_61_74_4F_70_73_01; // "ChatOps" + 1
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit<NpgsqlConnection, NpgsqlTransaction> _writes;
    // Per write transaction, and gone with it: a failed pass's transaction is dropped, and the next pass reads the tail again.
    // Set with AddOrUpdate because Npgsql may hand out the same transaction object again on a pooled connection.
    private readonly ConditionalWeakTable<NpgsqlTransaction, AuditTail> _auditTails = new();

    /// <exception cref="ArgumentException">The connection string is not an Npgsql one naming a host (see <see cref="ConnectionStringProblem"/>).</exception>
    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (ConnectionStringProblem(connectionString) is { } problem)
        {
            throw new ArgumentException(problem, nameof(connectionString));
        }

        _dataSource = NpgsqlDataSource.Create(WithStoreDefaults(connectionString));
        _writes = new GroupCommit<NpgsqlConnection, NpgsqlTransaction>(OpenConnectionAsync, BeginWriteAsync);
    }

    /// <summary>Why <paramref name="connectionString"/> cannot reach a PostgreSQL server, in one line with an example; null when it can be tried.</summary>
    public static string? ConnectionStringProblem(string connectionString)
    {
        const string Example = "for example Host=db;Username=chatopsjit;Password=…;Database=chatopsjit";
        try
        {
            // The message of a bad keyword names the keyword only, never a value, so no password reaches a log.
            return string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host)
                ? $"the PostgreSQL connection string names no Host; {Example}"
                : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            return $"the PostgreSQL connection string is not valid ({e.Message}); {Example}";
        }
    }

    /// <summary>The prepared statements each connection keeps unless the connection string says otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// <paramref name="connectionString"/> with this store's defaults for what it leaves unset: <c>Max Auto Prepare</c>
    /// <see cref="DefaultMaxAutoPrepare"/>, and <c>No Reset On Close</c> true. A connection string's own value wins (Max Auto
    /// Prepare 0 behind a pooler that cannot keep prepared statements, say).
    /// </summary>
    /// <remarks>
    /// Measured under bench/expiry: the stores run a few dozen statement texts over and over, and unprepared, PostgreSQL
    /// parsed and planned each one on every run, its largest single cost. The reset that Npgsql otherwise sends when a
    /// pooled connection is reused (RESET ALL, CLOSE ALL, advisory unlocks) is server work on every read; the stores keep no
    /// session state (the migration lock is released in a finally), so there is nothing to reset.
    /// </remarks>
    public static string WithStoreDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!given.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestSchemaVersion => PostgresMigrations.Latest;

    /// <summary>Opens a pooled connection; the caller disposes it.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>Applies the migrations this database lacks; returns how many it applied (0 when up to date).</summary>
    /// <remarks>
    /// Under a session advisory lock: replicas starting together queue on it, and each one that follows finds the
    /// schema already current, so the migrations run once.
    /// </remarks>
    /// <exception cref="SchemaTooNewException">The database was migrated by a newer build.</exception>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@Key);", new { Key = MigrationLockKey }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer     NOT NULL PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                """, cancellationToken: cancellationToken));
            var current = await ReadSchemaVersionAsync(connection, cancellationToken);
            if (current > LatestSchemaVersion)
            {
                throw new SchemaTooNewException(current, LatestSchemaVersion);
            }

            var applied = 0;
            foreach (var migration in PostgresMigrations.All.Where(m => m.Version > current))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (version, name) VALUES (@Version, @Name);",
                    new { migration.Version, migration.Name }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                applied++;
            }

            return applied;
        }
        finally
        {
            // Not cancellable: a lock left held would make every other replica wait until this connection closes.
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@Key);", new { Key = MigrationLockKey });
        }
    }

    /// <summary>The schema version recorded in the database; 0 when it was never migrated.</summary>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var hasTable = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass('schema_migrations') IS NOT NULL;", cancellationToken: cancellationToken));
        return hasTable ? await ReadSchemaVersionAsync(connection, cancellationToken) : 0;
    }

    /// <summary>How many commits the writes of this process shared (for benchmarks and tests).</summary>
    public (long Commits, long Writes) CommitCounts => _writes.Counts;

    /// <summary>
    /// Runs <paramref name="work"/> in a READ COMMITTED transaction shared with the other writes of this process that
    /// arrive with it (<see cref="GroupCommit{TConnection,TTransaction}"/>), and returns once that transaction has
    /// committed. A write that throws fails alone (the others run again without it), so <paramref name="work"/>
    /// may run more than once and must change only the database; a write that refuses a change writes nothing.
    /// </summary>
    /// <remarks>
    /// The shape matches <see cref="Sqlite.SqliteDatabase"/>'s. Work that must not race another replica locks what it
    /// reads: a version check in the UPDATE, <c>FOR UPDATE SKIP LOCKED</c> for claims, <see cref="PostgresAuditLock"/> for
    /// the audit chain, which a shared transaction then takes once for all the transitions it holds.
    /// </remarks>
    public Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _writes.WriteAsync(work, cancellationToken);
    }

    // A shared transaction holds the row locks of every write in it until it commits, so two replicas' batches could each
    // hold a row the other needs while one of them waits on the audit lock (a deadlock PostgreSQL breaks by failing a
    // write). Taking the audit lock first, in every write batch, makes the replicas' batches take turns instead.
    private async Task<NpgsqlTransaction> BeginWriteAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var transaction = await connection.BeginTransactionAsync(ct);
        try
        {
            _auditTails.AddOrUpdate(transaction, new AuditTail { Last = await PostgresAuditLock.TakeAsync(connection, transaction, ct) });
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The audit chain's last link as the write transaction <paramref name="transaction"/> sees it: read when the transaction
    /// took the audit lock, and moved on by each transition in it, so a transition needs no round trip to find it.
    /// </summary>
    internal AuditTail AuditTailOf(NpgsqlTransaction transaction) =>
        _auditTails.TryGetValue(transaction, out var tail) ? tail : throw new InvalidOperationException("not a write transaction of this database");

    /// <summary>The last link of the audit chain within one write transaction.</summary>
    internal sealed class AuditTail
    {
        public AuditAppender.LastLink? Last { get; set; }
    }

    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await work(connection);
    }

    StoreDialect IStoreDatabase.Dialect => StoreDialect.Postgres;

    Task<T> IStoreDatabase.WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => work(connection, transaction), cancellationToken);

    Task<T> IStoreDatabase.ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken) =>
        ReadAsync(connection => work(connection), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    private static async Task<int> ReadSchemaVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT max(version) FROM schema_migrations;", cancellationToken: cancellationToken)) ?? 0;
}
