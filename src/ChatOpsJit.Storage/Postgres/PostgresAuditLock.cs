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

    public static Task TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@Key);", new { Key }, transaction, cancellationToken: cancellationToken));
}
