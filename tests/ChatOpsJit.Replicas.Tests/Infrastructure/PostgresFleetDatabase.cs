using ChatOpsJit.Testing.Postgres;
using Npgsql;

namespace ChatOpsJit.Replicas.Tests.Infrastructure;

/// <summary>The replicas sharing one PostgreSQL database (a fresh one on the tests' shared server): the store for several replicas.</summary>
public sealed class PostgresFleetDatabase : FleetDatabase
{
    private readonly PostgresServer _server;
    private readonly string _connectionString;
    private readonly NpgsqlDataSource _source;

    private PostgresFleetDatabase(PostgresServer server, string connectionString)
    {
        _server = server;
        _connectionString = connectionString;
        // Its own application name, so the probe for writes in progress tells the test's connections from the replicas'.
        _source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = TestApplication }.ConnectionString);
    }

    private const string TestApplication = "chatopsjit-replicas-test";

    public static async Task<PostgresFleetDatabase> CreateAsync()
    {
        var server = await PostgresServer.SharedAsync();
        return new PostgresFleetDatabase(server, await server.CreateDatabaseAsync());
    }

    public override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["Storage:Provider"] = "postgres",
        ["Storage:ConnectionString"] = _connectionString,
    };

    public override Task<long> UndeliveredAsync() =>
        ScalarAsync("SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND NOT dead;");

    public override Task<long> DueJobsAsync() =>
        ScalarAsync("SELECT count(*) FROM jobs WHERE due_at <= now();");

    public override Task<IReadOnlyList<LeasedRow>> LeasedOutboxAsync() =>
        LeasedAsync("SELECT id, request_id, kind, lease_until FROM outbox WHERE delivered_at IS NULL AND NOT dead AND lease_until > now() ORDER BY id;");

    public override Task<IReadOnlyList<LeasedRow>> LeasedJobsAsync() =>
        LeasedAsync("SELECT id, request_id, kind, lease_until FROM jobs WHERE lease_until > now() ORDER BY id;");

    public override async Task<IReadOnlyDictionary<string, DateTimeOffset>> DueTimesAsync(string kind)
    {
        await using var command = _source.CreateCommand("SELECT request_id, due_at FROM jobs WHERE kind = $1;");
        command.Parameters.AddWithValue(kind);
        var due = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            due[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }

        return due;
    }

    public override Task<long> AuditCountAsync(string requestId, string kind) =>
        ScalarAsync("SELECT count(*) FROM audit_log WHERE request_id = $1 AND kind = $2;", requestId, kind);

    public override async Task<IReadOnlyDictionary<string, string>> StatesAsync()
    {
        await using var command = _source.CreateCommand("SELECT id, state FROM access_requests;");
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            states[reader.GetString(0)] = reader.GetString(1);
        }

        return states;
    }

    /// <summary>
    /// No replica's connection is inside a transaction or a statement: a frozen replica holds no row lock or advisory lock
    /// then (a statement it sent still finishes on the server, so the check waits a moment for those to end first).
    /// </summary>
    public override async Task<bool> NoWriteInProgressAsync()
    {
        await Task.Delay(30);
        return await ScalarAsync(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' " +
            "AND application_name <> $1 AND state <> 'idle';", TestApplication) == 0;
    }

    public override async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        await _server.DropDatabaseAsync(_connectionString);
    }

    private async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = _source.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<LeasedRow>> LeasedAsync(string sql)
    {
        await using var command = _source.CreateCommand(sql);
        var rows = new List<LeasedRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new LeasedRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return rows;
    }
}
