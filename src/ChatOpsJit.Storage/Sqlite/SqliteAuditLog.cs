using System.Runtime.CompilerServices;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Storage.Sqlite;

/// <summary>Streams the audit chain from SQLite in sequence order.</summary>
public sealed class SqliteAuditLog(SqliteDatabase database) : IAuditLog
{
    public async IAsyncEnumerable<AuditRecord> ReadAsync(string? requestId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = requestId is null
            ? "SELECT seq, request_id, kind, actor, at, data, previous_hash, hash FROM audit_log ORDER BY seq;"
            : "SELECT seq, request_id, kind, actor, at, data, previous_hash, hash FROM audit_log WHERE request_id = $requestId ORDER BY seq;";
        if (requestId is not null)
        {
            command.Parameters.AddWithValue("$requestId", requestId);
        }

        // A plain reader rather than a buffered query: the chain can be long and verification only needs one record at a time.
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new AuditRecord(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                SqliteTime.Parse(reader.GetString(4)), reader.GetString(5), reader.GetString(6), reader.GetString(7));
        }
    }
}
