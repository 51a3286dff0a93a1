using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Storage.Shared;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Storage.Sqlite;

/// <summary>
/// The notification outbox in SQLite: written by transitions, claimed under a lease by delivery workers. It also keeps
/// what each platform returned for a posted card, so updates find the card without any adapter remembering it.
/// </summary>
public sealed class SqliteOutboxStore(SqliteDatabase database) : IOutboxStore, IOutboxBacklog
{
    public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return database.WriteAsync<IReadOnlyList<OutboxMessage>>(async (connection, transaction) =>
        {
            // Selecting and leasing in one statement under the write lock: no second claimer can see these rows as free.
            // An update waits, without using up attempts, while its post is still to be delivered; once the post is
            // delivered its reference comes with the update, and an update whose post died (or never existed) is claimed
            // without one, so the dispatcher drops it instead of it waiting forever.
            // An update also waits while an older update of the same card is being delivered (by another replica, say), so the
            // two cannot land out of order; an older one waiting for a retry does not hold it back, as the version it shows
            // makes that one a no-op once the newer one is delivered.
            // By due time, so the claim walks the index of undelivered rows instead of every row the outbox ever held.
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
                $"""
                UPDATE outbox
                SET lease_until = @LeaseUntil, attempts = attempts + 1
                WHERE id IN (
                    SELECT o.id FROM outbox o
                    WHERE o.delivered_at IS NULL AND o.dead = 0
                      AND o.due_at <= @Now
                      AND (o.lease_until IS NULL OR o.lease_until <= @Now)
                      AND (o.kind <> 'CardUpdate'
                           OR NOT EXISTS (SELECT 1 FROM outbox p
                                          WHERE p.card_key = o.card_key AND p.platform = o.platform
                                            AND (p.kind IN ('ChannelCard', 'DirectMessage')
                                                 OR (p.kind = 'CardUpdate' AND p.id < o.id AND p.lease_until > @Now))
                                            AND p.delivered_at IS NULL AND p.dead = 0))
                    ORDER BY o.due_at, o.id
                    LIMIT @Max)
                RETURNING {OutboxRow.Columns};
                """,
                new { Now = SqliteTime.ToText(now), LeaseUntil = SqliteTime.ToText(now + lease), Max = max },
                transaction, cancellationToken: cancellationToken))).ToList();
            return await OutboxRow.ToMessagesAsync(connection, transaction, StoreDialect.Sqlite, rows, cancellationToken);
        }, cancellationToken);
    }

    // Every claim increments attempts, so "attempts is still what I claimed" means "my lease was not taken over".
    public Task<bool> MarkDeliveredAsync(OutboxMessage claimed, DateTimeOffset at, CardReference? posted = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var marked = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox SET delivered_at = @At, lease_until = NULL WHERE id = @Id AND attempts = @Attempts;",
                new { claimed.Id, claimed.Attempts, At = SqliteTime.ToText(at) }, transaction, cancellationToken: cancellationToken)) == 1;
            if (!marked)
            {
                return false;
            }

            if (claimed.Kind is NotificationKind.ChannelCard or NotificationKind.DirectMessage && posted is not null && claimed.CardKey is { } key)
            {
                // The first post's reference stands: a post is delivered once per platform, and a retried one is idempotent.
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO card_references (card_key, platform, channel, message_id, shown_version, posted_at)
                    VALUES (@CardKey, @Platform, @Channel, @MessageId, @Version, @At)
                    ON CONFLICT (card_key, platform) DO NOTHING;
                    """,
                    new { CardKey = key, Platform = posted.Platform.Value, posted.Channel, posted.MessageId, Version = claimed.RequestVersion, At = SqliteTime.ToText(at) },
                    transaction, cancellationToken: cancellationToken));
            }
            else if (claimed.Kind == NotificationKind.CardUpdate)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE card_references SET shown_version = max(shown_version, @Version) WHERE card_key = @CardKey AND platform = @Platform;",
                    new { claimed.CardKey, Platform = claimed.Platform?.Value, Version = claimed.RequestVersion }, transaction, cancellationToken: cancellationToken));
            }

            return true;
        }, cancellationToken);

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

    /// <summary>
    /// How many messages are still to be delivered (not delivered, not dead), whenever they fall due: zero means every
    /// committed notification has gone out. Read-only, for health and for tests that wait for the outbox to drain.
    /// </summary>
    public Task<long> CountUndeliveredAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND dead = 0;", cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Writes a transition's notifications: its cards, then the messages that name them.</summary>
    internal static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, OutboxInsert outbox, CancellationToken cancellationToken)
    {
        // One command per table for all its rows (Dapper runs it once per row), so SQLite parses each statement once.
        if (outbox.Messages.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(OutboxCards.InsertSql, outbox.Cards, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(OutboxRow.InsertSql, outbox.Messages, transaction, cancellationToken: cancellationToken));
        }
    }

    private sealed class Row : OutboxRow
    {
        public string DueAt { get; init; } = "";

        public override DateTimeOffset Due => SqliteTime.Parse(DueAt);
    }
}
