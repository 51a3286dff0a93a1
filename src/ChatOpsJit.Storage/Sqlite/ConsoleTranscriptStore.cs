using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Serialization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Storage.Sqlite;

/// <summary>Keeps the dev console's fake chat workspace in SQLite, so a restart neither loses nor repeats a message.</summary>
public sealed class ConsoleTranscriptStore(SqliteDatabase database)
{
    /// <summary>Adds a message; false (and nothing added) when <paramref name="idempotencyKey"/> was seen before.</summary>
    public Task<bool> AppendAsync(string conversation, string? cardKey, string? idempotencyKey, ChatCard card, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversation);
        ArgumentNullException.ThrowIfNull(card);
        return database.WriteAsync(async (connection, transaction) =>
        {
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO console_messages (conversation, card_key, idempotency_key, card, created_at, updated_at, revision)
                VALUES (@Conversation, @CardKey, @IdempotencyKey, @Card, @At, @At, 1)
                ON CONFLICT (idempotency_key) DO NOTHING;
                """,
                new { Conversation = conversation, CardKey = cardKey, IdempotencyKey = idempotencyKey, Card = CoreJson.Serialize(card), At = SqliteTime.ToText(at) },
                transaction, cancellationToken: cancellationToken));
            if (inserted == 0)
            {
                return false;
            }

            await CountChangeAsync(connection, transaction, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>Replaces the card of every message posted under <paramref name="cardKey"/>; false when there is none.</summary>
    public Task<bool> UpdateCardAsync(string cardKey, ChatCard card, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(cardKey);
        ArgumentNullException.ThrowIfNull(card);
        return database.WriteAsync(async (connection, transaction) =>
        {
            var updated = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE console_messages SET card = @Card, updated_at = @At, revision = revision + 1 WHERE card_key = @CardKey;",
                new { CardKey = cardKey, Card = CoreJson.Serialize(card), At = SqliteTime.ToText(at) },
                transaction, cancellationToken: cancellationToken));
            if (updated == 0)
            {
                return false;
            }

            await CountChangeAsync(connection, transaction, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>Messages in the order they were posted; all conversations, or just <paramref name="conversation"/>.</summary>
    public Task<IReadOnlyList<ConsoleTranscriptEntry>> ListAsync(string? conversation = null, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<ConsoleTranscriptEntry>>(async connection =>
        {
            var rows = await connection.QueryAsync<Row>(new CommandDefinition(
                """
                SELECT seq AS Seq, conversation AS Conversation, card_key AS CardKey, card AS Card,
                       created_at AS CreatedAt, updated_at AS UpdatedAt, revision AS Revision
                FROM console_messages
                WHERE @Conversation IS NULL OR conversation = @Conversation
                ORDER BY seq;
                """,
                new { Conversation = conversation }, cancellationToken: cancellationToken));
            return rows.Select(r => r.ToEntry()).ToList();
        }, cancellationToken);

    /// <summary>A number that grows with every append and update; poll it to know when to refresh.</summary>
    public Task<long> LatestChangeAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT change_counter FROM console_state WHERE id = 1;", cancellationToken: cancellationToken)), cancellationToken);

    private static Task CountChangeAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE console_state SET change_counter = change_counter + 1 WHERE id = 1;", transaction: transaction, cancellationToken: cancellationToken));

    private sealed class Row
    {
        public long Seq { get; init; }
        public string Conversation { get; init; } = "";
        public string? CardKey { get; init; }
        public string Card { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public string UpdatedAt { get; init; } = "";
        public long Revision { get; init; }

        public ConsoleTranscriptEntry ToEntry() =>
            new(Seq, Conversation, CardKey, CoreJson.Deserialize<ChatCard>(Card), SqliteTime.Parse(CreatedAt), SqliteTime.Parse(UpdatedAt), (int)Revision);
    }
}
