using ChatOpsJit.Storage.Audit;
using Dapper;
using Npgsql;

namespace ChatOpsJit.Storage.Postgres;

/// <summary>
/// Serializes audit appenders across replicas: a transaction-scoped advisory lock taken before the chain's last link is
/// read, held until the transaction (or the group commit that shares it) ends.
/// </summary>
internal static class PostgresAuditLock
{
    private const long Key = 0x43_68_61_74_4F_70_73_02; // "ChatOps" + 2

    /// <summary>Takes the lock and, in the same round trip, reads the chain's last link (null for an empty chain).</summary>
    public static async Task<AuditAppender.LastLink?> TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@Key);\n" + AuditAppender.LastLinkSql, new { Key }, transaction, cancellationToken: cancellationToken));
        await results.ReadAsync();
        return await results.ReadSingleOrDefaultAsync<AuditAppender.LastLink>();
    }
}
