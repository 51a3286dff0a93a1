// The benchmarked host's database, read-only: SQLite (--db PATH) or PostgreSQL (--postgres CONNECTION-STRING).
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.SlackBench;

internal sealed class BenchDatabase(DbConnection connection, bool postgres) : IAsyncDisposable
{
    public static async Task<BenchDatabase> OpenAsync(Args args)
    {
        var path = args.Text("db", "");
        DbConnection connection = path.Length > 0
            ? new SqliteConnection($"Data Source={path};Mode=ReadOnly")
            : throw new ArgumentException("--db PATH (SQLite) is required");
        await connection.OpenAsync();
        return new BenchDatabase(connection, postgres: false);
    }

    /// <summary>Outbox rows still to be delivered (neither delivered nor dead).</summary>
    public string UndeliveredSql => postgres
        ? "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND NOT dead"
        : "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND dead = 0";

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async IAsyncEnumerable<(string First, object Second)> RowsAsync(string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            yield return (reader.GetString(0), reader.GetValue(1));
        }
    }

    /// <summary>A stored time: SQLite keeps ISO-8601 text, PostgreSQL a timestamptz.</summary>
    public static DateTimeOffset ParseTime(object value) => value switch
    {
        DateTimeOffset t => t,
        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new FormatException($"not a time: {value}"),
    };

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
