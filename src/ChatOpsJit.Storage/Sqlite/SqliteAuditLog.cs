using System.Runtime.CompilerServices;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Ports;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Storage.Sqlite;

/// <summary>Streams the audit chain from SQLite in sequence order.</summary>
/// <remarks>Also reads a database from before keyed MACs (schema 5, which the read-only CLI does not migrate): its rows are all legacy.</remarks>
public sealed class SqliteAuditLog(SqliteDatabase database) : IAuditLogTail
{
    public IAsyncEnumerable<AuditRecord> ReadAsync(string? requestId = null, CancellationToken cancellationToken = default) =>
        QueryAsync(requestId is null ? "" : "WHERE request_id = $requestId", "ORDER BY seq",
            command => command.Parameters.AddWithValue("$requestId", requestId ?? ""), cancellationToken);

    /// <summary>The records after sequence <paramref name="afterSequence"/>, and at or after <paramref name="since"/> when given.</summary>
    public IAsyncEnumerable<AuditRecord> ReadAfterAsync(long afterSequence, DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        QueryAsync(since is null ? "WHERE seq > $after" : "WHERE seq > $after AND at >= $since", "ORDER BY seq", command =>
        {
            command.Parameters.AddWithValue("$after", afterSequence);
            command.Parameters.AddWithValue("$since", since is { } s ? SqliteTime.ToText(s) : "");
        }, cancellationToken);

    public async Task<AuditRecord?> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var record in QueryAsync("", "ORDER BY seq DESC LIMIT 1", _ => { }, cancellationToken))
        {
            return record;
        }

        return null;
    }

    public async Task<AuditRecord?> FindAsync(long sequence, CancellationToken cancellationToken = default)
    {
        await foreach (var record in QueryAsync("WHERE seq = $seq", "", command => command.Parameters.AddWithValue("$seq", sequence), cancellationToken))
        {
            return record;
        }

        return null;
    }

    private async IAsyncEnumerable<AuditRecord> QueryAsync(
        string where, string order, Action<SqliteCommand> bind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await foreach (var record in QueryAsync(connection, null, where, order, bind, cancellationToken))
        {
            yield return record;
        }
    }

    internal static async IAsyncEnumerable<AuditRecord> QueryAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string where, string order, Action<SqliteCommand> bind,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'key_id';";
        var keyed = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
        var columns = keyed ? "request, key_id" : "NULL, 'sha256'";
        command.CommandText = $"SELECT seq, request_id, kind, actor, at, data, {columns}, previous_hash, hash FROM audit_log {where} {order};";
        bind(command);

        // A plain reader rather than a buffered query: the chain can be long and verification only needs one record at a time.
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new AuditRecord(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                SqliteTime.Parse(reader.GetString(4)), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7), reader.GetString(8), reader.GetString(9));
        }
    }
}
