using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Replicas.Tests.Infrastructure;

/// <summary>The replicas sharing one SQLite file (WAL, busy_timeout): multi-process safe, the embedded store.</summary>
public sealed class SqliteFleetDatabase(string file) : FleetDatabase
{
    // The store's own time format (fixed-width ISO-8601 UTC text), so text comparison orders times.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();

    public override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["Storage:Provider"] = "sqlite",
        ["Storage:ConnectionString"] = $"Data Source={file}",
    };

    public override Task<long> UndeliveredAsync() =>
        ScalarAsync("SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND dead = 0;");

    public override Task<long> DueJobsAsync() =>
        ScalarAsync("SELECT count(*) FROM jobs WHERE due_at <= @Now;");

    public override Task<IReadOnlyList<LeasedRow>> LeasedOutboxAsync() =>
        LeasedAsync("SELECT id, request_id, kind, lease_until FROM outbox WHERE delivered_at IS NULL AND dead = 0 AND lease_until > @Now ORDER BY id;");

    public override Task<IReadOnlyList<LeasedRow>> LeasedJobsAsync() =>
        LeasedAsync("SELECT id, request_id, kind, lease_until FROM jobs WHERE lease_until > @Now ORDER BY id;");

    public override async Task<IReadOnlyDictionary<string, DateTimeOffset>> DueTimesAsync(string kind)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_id, due_at FROM jobs WHERE kind = @Kind;";
        command.Parameters.AddWithValue("@Kind", kind);
        var due = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            due[reader.GetString(0)] = ParseTime(reader.GetString(1));
        }

        return due;
    }

    public override Task<long> AuditCountAsync(string requestId, string kind) =>
        ScalarAsync("SELECT count(*) FROM audit_log WHERE request_id = @RequestId AND kind = @Kind;", ("@RequestId", requestId), ("@Kind", kind));

    public override async Task<IReadOnlyDictionary<string, string>> StatesAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, state FROM access_requests;";
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            states[reader.GetString(0)] = reader.GetString(1);
        }

        return states;
    }

    public override async Task<bool> NoWriteInProgressAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;";
        try
        {
            await command.ExecuteNonQueryAsync();
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 5)
        {
            // SQLITE_BUSY: another connection holds the write lock.
            return false;
        }
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string Now => DateTimeOffset.UtcNow.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@Now", Now);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<LeasedRow>> LeasedAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@Now", Now);
        var rows = new List<LeasedRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new LeasedRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                ParseTime(reader.GetString(3))));
        }

        return rows;
    }
}
