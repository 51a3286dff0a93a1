using ChatOpsJit.Core.Audit;
using ChatOpsJit.Storage.Postgres;
using ChatOpsJit.Testing.Postgres;
using Dapper;

namespace ChatOpsJit.Storage.Tests.Postgres;

/// <summary>
/// A fresh, empty database on the shared PostgreSQL per test, and "replicas": separate <see cref="PostgresDatabase"/>
/// objects, each with its own connection pool, that meet only in the database as separate processes would.
/// </summary>
public abstract class PostgresTestBase
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly List<PostgresDatabase> replicas = [];

    protected string ConnectionString { get; private set; } = "";

    protected AuditKeyRing AuditKeys { get; private set; } = null!;

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        AuditKeys = new AuditKeyRing(AuditKey.Generate());
        ConnectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
    }

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }

        await (await PostgresServer.SharedAsync()).DropDatabaseAsync(ConnectionString);
    }

    /// <summary>A replica's view of the database (not migrated: call <see cref="PostgresDatabase.MigrateAsync"/> or use <see cref="MigratedReplicasAsync"/>).</summary>
    protected PostgresDatabase Replica()
    {
        var replica = new PostgresDatabase(ConnectionString);
        replicas.Add(replica);
        return replica;
    }

    protected async Task<PostgresDatabase[]> MigratedReplicasAsync(int count)
    {
        var all = Enumerable.Range(0, count).Select(_ => Replica()).ToArray();
        await all[0].MigrateAsync();
        return all;
    }

    protected async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = await Replica().OpenConnectionAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    protected async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = await Replica().OpenConnectionAsync();
        return (await connection.QueryAsync<T>(sql, args)).ToList();
    }

    /// <summary>Runs <paramref name="count"/> calls that really overlap (see <see cref="Race"/>).</summary>
    protected static Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> call) => Race.RunAsync(count, call);
}
