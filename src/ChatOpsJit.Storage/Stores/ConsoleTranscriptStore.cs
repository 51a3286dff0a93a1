using System.Data.Common;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Serialization;
using ChatOpsJit.Storage.Shared;
using Dapper;

namespace ChatOpsJit.Storage;

/// <summary>The dev console's fake chat workspace.</summary>
public sealed class ConsoleTranscriptStore(IStoreDatabase database) : IConsoleTranscriptStore
{
    private readonly string _listSql = $"""
        SELECT seq AS Seq, conversation AS Conversation, card AS Card,
               created_at AS CreatedAt, updated_at AS UpdatedAt, revision AS Revision
        FROM console_messages
        WHERE {database.Dialect.Text("@Conversation")} IS NULL OR conversation = @Conversation
        ORDER BY seq;
        """;

    public Task<long> AppendAsync(string conversation, string? idempotencyKey, ChatCard card, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ConsoleTranscriptRules.CheckAppend(conversation, card);

        return database.WriteAsync(async (connection, transaction) =>
        {
            var seq = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                """
                INSERT INTO console_messages (conversation, idempotency_key, card, created_at, updated_at, revision)
                VALUES (@Conversation, @IdempotencyKey, @Card, @At, @At, 1)
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING seq;
                """,
                new { Conversation = conversation, IdempotencyKey = idempotencyKey, Card = CoreJson.Serialize(card), At = database.Dialect.ToDb(at) },
                transaction, cancellationToken: cancellationToken));
            if (seq is { } added)
            {
                await CountChangeAsync(connection, transaction, cancellationToken);
                return added;
            }

            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT seq FROM console_messages WHERE idempotency_key = @IdempotencyKey;",
                new { IdempotencyKey = idempotencyKey }, transaction, cancellationToken: cancellationToken));
        }, cancellationToken);
    }

    public Task<bool> UpdateCardAsync(long seq, ChatCard card, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        return database.WriteAsync(async (connection, transaction) =>
        {
            var updated = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE console_messages SET card = @Card, updated_at = @At, revision = revision + 1 WHERE seq = @Seq;",
                new { Seq = seq, Card = CoreJson.Serialize(card), At = database.Dialect.ToDb(at) },
                transaction, cancellationToken: cancellationToken));
            if (updated == 0)
            {
                return false;
            }

            await CountChangeAsync(connection, transaction, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ConsoleTranscriptEntry>> ListAsync(string? conversation = null, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<ConsoleTranscriptEntry>>(async connection =>
        {
            var rows = await connection.QueryAsync<Row>(new CommandDefinition(
                _listSql,
                new { Conversation = conversation }, cancellationToken: cancellationToken));
            return rows.Select(r => r.ToEntry(database.Dialect)).ToList();
        }, cancellationToken);

    public Task<long> LatestChangeAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT change_counter FROM console_state WHERE id = 1;", cancellationToken: cancellationToken)), cancellationToken);

    private static Task CountChangeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE console_state SET change_counter = change_counter + 1 WHERE id = 1;", transaction: transaction, cancellationToken: cancellationToken));

    private sealed class Row
    {
        public long Seq { get; init; }
        public string Conversation { get; init; } = "";
        public string Card { get; init; } = "";
        // Text in SQLite, a UTC DateTime in PostgreSQL: the dialect reads either.
        public object CreatedAt { get; init; } = "";
        public object UpdatedAt { get; init; } = "";
        public long Revision { get; init; }

        public ConsoleTranscriptEntry ToEntry(StoreDialect dialect) =>
            new(Seq, Conversation, CoreJson.Deserialize<ChatCard>(Card), dialect.FromDb(CreatedAt), dialect.FromDb(UpdatedAt), (int)Revision);
    }
}
