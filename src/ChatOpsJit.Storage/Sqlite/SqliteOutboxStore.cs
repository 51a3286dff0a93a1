using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Serialization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Storage.Sqlite;

/// <summary>The notification outbox in SQLite: written by transitions, claimed under a lease by delivery workers.</summary>
public sealed class SqliteOutboxStore(SqliteDatabase database) : IOutboxStore
{
    public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return database.WriteAsync<IReadOnlyList<OutboxMessage>>(async (connection, transaction) =>
        {
            // Selecting and leasing in one statement under the write lock: no second claimer can see these rows as free.
            var rows = await connection.QueryAsync<Row>(new CommandDefinition(
                """
                UPDATE outbox
                SET lease_until = @LeaseUntil, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM outbox
                    WHERE delivered_at IS NULL AND dead = 0
                      AND due_at <= @Now
                      AND (lease_until IS NULL OR lease_until <= @Now)
                    ORDER BY id
                    LIMIT @Max)
                RETURNING id AS Id, request_id AS RequestId, channel AS Channel, kind AS Kind, recipient AS Recipient,
                          card_key AS CardKey, card AS Card, idempotency_key AS IdempotencyKey, due_at AS DueAt, attempts AS Attempts;
                """,
                new { Now = SqliteTime.ToText(now), LeaseUntil = SqliteTime.ToText(now + lease), Max = max },
                transaction, cancellationToken: cancellationToken));

            // RETURNING does not promise an order.
            return rows.OrderBy(r => r.Id).Select(r => r.ToMessage()).ToList();
        }, cancellationToken);
    }

    // Every claim increments attempts, so "attempts is still what I claimed" means "my lease was not taken over".
    public async Task<bool> MarkDeliveredAsync(OutboxMessage claimed, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET delivered_at = @At, lease_until = NULL WHERE id = @Id AND attempts = @Attempts;",
            new { claimed.Id, claimed.Attempts, At = SqliteTime.ToText(at) }, transaction, cancellationToken: cancellationToken)), cancellationToken) == 1;

    public async Task<bool> MarkFailedAsync(OutboxMessage claimed, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            // Without a retry time the message is dead: kept for inspection, never claimed again.
            """
            UPDATE outbox
            SET last_error = @Error,
                lease_until = NULL,
                due_at = coalesce(@RetryAt, due_at),
                dead = CASE WHEN @RetryAt IS NULL THEN 1 ELSE 0 END
            WHERE id = @Id AND attempts = @Attempts AND delivered_at IS NULL;
            """,
            new { claimed.Id, claimed.Attempts, Error = error, RetryAt = SqliteTime.ToText(retryAt) }, transaction, cancellationToken: cancellationToken)), cancellationToken) == 1;

    /// <summary>Writes a transition's notifications; a message without a due time is due when its event happened.</summary>
    internal static async Task InsertAsync(
        SqliteConnection connection, SqliteTransaction transaction, IEnumerable<OutboxMessage> messages, DateTimeOffset eventAt, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO outbox (request_id, channel, kind, recipient, card_key, card, idempotency_key, created_at, due_at)
                VALUES (@RequestId, @Channel, @Kind, @Recipient, @CardKey, @Card, @IdempotencyKey, @CreatedAt, @DueAt);
                """,
                new
                {
                    message.RequestId, message.Channel, Kind = message.Kind.ToString(), message.Recipient, message.CardKey,
                    Card = CoreJson.Serialize(message.Card), message.IdempotencyKey, CreatedAt = SqliteTime.ToText(eventAt),
                    DueAt = SqliteTime.ToText(message.DueAt == default ? eventAt : message.DueAt),
                },
                transaction, cancellationToken: cancellationToken));
        }
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string RequestId { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Recipient { get; init; } = "";
        public string? CardKey { get; init; }
        public string Card { get; init; } = "";
        public string IdempotencyKey { get; init; } = "";
        public string DueAt { get; init; } = "";
        public long Attempts { get; init; }

        public OutboxMessage ToMessage() =>
            new(RequestId, Channel, Enum.Parse<NotificationKind>(Kind), Recipient, CardKey, CoreJson.Deserialize<ChatCard>(Card), IdempotencyKey)
            {
                Id = Id,
                Attempts = (int)Attempts,
                DueAt = SqliteTime.Parse(DueAt),
            };
    }
}
