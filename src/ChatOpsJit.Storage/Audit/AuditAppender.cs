using System.Data.Common;
using System.Text.Json;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Serialization;
using ChatOpsJit.Storage.Sqlite;
using Dapper;

namespace ChatOpsJit.Storage.Audit;

/// <summary>Seals one audit event with the current key and appends it to the chain inside a caller's write transaction.</summary>
internal static class AuditAppender
{
    /// <remarks>
    /// Reading the last link and inserting the next one is safe only because the caller serializes appenders: SQLite
    /// writers hold the write lock (BEGIN IMMEDIATE), PostgreSQL writers take the audit advisory lock first
    /// (<see cref="Postgres.PostgresAuditLock"/>), so no other writer can append between the read and the insert.
    /// When the last record was sealed with another key (a rotated key, or the legacy SHA-256 epoch), an
    /// <see cref="AuditKinds.KeyRotated"/> record sealed with the new key comes first, so the chain itself says where each
    /// epoch begins. Both providers store the time as the same fixed-width text (<see cref="SqliteTime"/>): the MAC covers
    /// it to the tick, and PostgreSQL's timestamptz keeps only microseconds.
    /// </remarks>
    public static async Task<AuditRecord> AppendAsync(
        DbConnection connection, DbTransaction transaction, AuditEntry entry, AuditKeyRing keys, CancellationToken cancellationToken)
    {
        var last = await connection.QuerySingleOrDefaultAsync<LastLink>(new CommandDefinition(LastLinkSql, transaction: transaction, cancellationToken: cancellationToken));
        var records = await SealAsync(connection, transaction, last, entry, keys, cancellationToken);
        foreach (var record in records)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, InsertParameters(record), transaction, cancellationToken: cancellationToken));
        }

        return records[^1];
    }

    /// <summary>Reads the chain's last link (null for an empty chain); run it under the caller's serialization, as above.</summary>
    public const string LastLinkSql = "SELECT seq AS Seq, hash AS Mac, key_id AS KeyId FROM audit_log ORDER BY seq DESC LIMIT 1;";

    /// <summary>Inserts one record, with <see cref="InsertParameters"/>.</summary>
    public const string InsertSql = """
        INSERT INTO audit_log (seq, request_id, kind, actor, at, data, request, key_id, previous_hash, hash)
        VALUES (@Sequence, @RequestId, @Kind, @Actor, @At, @Data, @Request, @KeyId, @PreviousMac, @Mac);
        """;

    /// <summary>
    /// The records that append <paramref name="entry"/> after <paramref name="last"/>, in order: the entry's own, preceded by
    /// a key rotation record when the last one was sealed with another key (which reads the last rotation to number the epoch).
    /// </summary>
    public static async Task<IReadOnlyList<AuditRecord>> SealAsync(
        DbConnection connection, DbTransaction transaction, LastLink? last, AuditEntry entry, AuditKeyRing keys, CancellationToken cancellationToken)
    {
        var key = keys.Current;
        var sequence = last?.Seq ?? 0;
        var previous = last?.Mac ?? AuditChain.Genesis;
        if (last is null || last.KeyId == key.Id)
        {
            return [AuditChain.Seal(++sequence, entry, key, previous)];
        }

        var epoch = await NextEpochAsync(connection, transaction, last.KeyId, cancellationToken);
        var rotation = AuditChain.Seal(++sequence, AuditChain.KeyRotation(last.KeyId, key, epoch, entry.At), key, previous);
        return [rotation, AuditChain.Seal(++sequence, entry, key, rotation.Mac)];
    }

    public static object InsertParameters(AuditRecord record) => new
    {
        record.Sequence, record.RequestId, record.Kind, record.Actor, At = SqliteTime.ToText(record.At),
        record.Data, record.Request, record.KeyId, record.PreviousMac, record.Mac,
    };

    // Epoch 1 is the first keyed one: after legacy records the first rotation opens it; a fresh chain starts in it.
    private static async Task<int> NextEpochAsync(DbConnection connection, DbTransaction transaction, string lastKeyId, CancellationToken cancellationToken)
    {
        var data = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT data FROM audit_log WHERE kind = @Kind ORDER BY seq DESC LIMIT 1;",
            new { Kind = AuditKinds.KeyRotated }, transaction, cancellationToken: cancellationToken));
        if (data is null)
        {
            return lastKeyId == AuditChain.LegacyKeyId ? 1 : 2;
        }

        try
        {
            return CoreJson.Deserialize<AuditKeyRotated>(data).Epoch + 1;
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"the last {AuditKinds.KeyRotated} record cannot be read ({e.Message}); run chatopsjit audit verify", e);
        }
    }

    /// <summary>The chain's last record, as far as the next one needs it.</summary>
    public sealed class LastLink
    {
        public long Seq { get; init; }
        public string Mac { get; init; } = "";
        public string KeyId { get; init; } = "";
    }
}
