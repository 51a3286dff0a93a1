using ChatOpsJit.Core.Audit;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Storage.Sqlite;

/// <summary>Appends one audit event to the chain inside a caller's write transaction.</summary>
internal static class AuditAppender
{
    /// <remarks>
    /// Reading the last link and inserting the next one is safe only because the caller holds the write lock
    /// (BEGIN IMMEDIATE): no other writer can append between the read and the insert.
    /// </remarks>
    public static async Task<AuditRecord> AppendAsync(SqliteConnection connection, SqliteTransaction transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        var last = await connection.QuerySingleOrDefaultAsync<LastLink>(new CommandDefinition(
            "SELECT seq AS Seq, hash AS Hash FROM audit_log ORDER BY seq DESC LIMIT 1;",
            transaction: transaction, cancellationToken: cancellationToken));

        var record = AuditChain.Link((last?.Seq ?? 0) + 1, entry, last?.Hash ?? AuditChain.Genesis);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_log (seq, request_id, kind, actor, at, data, previous_hash, hash)
            VALUES (@Sequence, @RequestId, @Kind, @Actor, @At, @Data, @PreviousHash, @Hash);
            """,
            new
            {
                record.Sequence, record.RequestId, record.Kind, record.Actor, At = SqliteTime.ToText(record.At),
                record.Data, record.PreviousHash, record.Hash,
            },
            transaction, cancellationToken: cancellationToken));
        return record;
    }

    private sealed class LastLink
    {
        public long Seq { get; init; }
        public string Hash { get; init; } = "";
    }
}
