using System.Runtime.CompilerServices;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Storage.Sqlite;
using Npgsql;

namespace ChatOpsJit.Storage.Postgres;

/// <summary>Streams the audit chain from PostgreSQL in sequence order.</summary>
public sealed class PostgresAuditLog(PostgresDatabase database) : IAuditLogTail
{
    public IAsyncEnumerable<AuditRecord> ReadAsync(string? requestId = null, CancellationToken cancellationToken = default) =>
        QueryAsync(requestId is null ? "" : "WHERE request_id = @requestId", "ORDER BY seq",
            command => command.Parameters.AddWithValue("requestId", requestId ?? ""), cancellationToken);

    /// <summary>The records after sequence <paramref name="afterSequence"/>, and at or after <paramref name="since"/> when given.</summary>
    public IAsyncEnumerable<AuditRecord> ReadAfterAsync(long afterSequence, DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        // at is fixed-width UTC text (see the migration), so text order (by code point: "C") is time order.
        QueryAsync(since is null ? "WHERE seq > @after" : "WHERE seq > @after AND at COLLATE \"C\" >= @since", "ORDER BY seq", command =>
        {
            command.Parameters.AddWithValue("after", afterSequence);
            command.Parameters.AddWithValue("since", since is { } s ? SqliteTime.ToText(s) : "");
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
        await foreach (var record in QueryAsync("WHERE seq = @seq", "", command => command.Parameters.AddWithValue("seq", sequence), cancellationToken))
        {
            return record;
        }

        return null;
    }

    private async IAsyncEnumerable<AuditRecord> QueryAsync(
        string where, string order, Action<NpgsqlCommand> bind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT seq, request_id, kind, actor, at, data, request, key_id, previous_hash, hash FROM audit_log {where} {order};";
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
