using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Storage.Shared;
using Dapper;
using Npgsql;

namespace ChatOpsJit.Storage.Postgres;

/// <summary>
/// The notification outbox in PostgreSQL: written by transitions, claimed under a lease by any replica's delivery worker.
/// It also keeps what each platform returned for a posted card, so updates find the card without any adapter remembering it.
/// </summary>
public sealed class PostgresOutboxStore(PostgresDatabase database) : IOutboxStore, IOutboxBacklog
{
    /// <summary>The claim: the first due rows by (due time, id), leased; a statement of its own so its plan can be tested.</summary>
    internal static readonly string ClaimSql = $"""
        UPDATE outbox
        SET lease_until = @LeaseUntil, attempts = attempts + 1
        WHERE {StoreDialect.Postgres.AmongSelected("id", """
            SELECT o.id FROM outbox o
            WHERE o.delivered_at IS NULL AND NOT o.dead
              AND o.due_at <= @Now
              AND (o.lease_until IS NULL OR o.lease_until <= @Now)
              AND (o.kind <> 'CardUpdate'
                   OR NOT EXISTS (SELECT 1 FROM outbox p
                                  WHERE p.card_key = o.card_key AND p.platform = o.platform
                                    AND (p.kind IN ('ChannelCard', 'DirectMessage')
                                         OR (p.kind = 'CardUpdate' AND p.id < o.id AND p.lease_until > @Now))
                                    AND p.delivered_at IS NULL AND NOT p.dead))
            ORDER BY o.due_at, o.id
            LIMIT @Max
            FOR UPDATE OF o SKIP LOCKED
            """)}
        RETURNING {OutboxRow.Columns};
        """;

    public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return database.WriteAsync<IReadOnlyList<OutboxMessage>>(async (connection, transaction) =>
        {
            // SKIP LOCKED passes over rows another replica is claiming; the lock re-checks the lease on the latest version.
            // An update waits, without using up attempts, while its post is still to be delivered (by any replica); once
            // the post is delivered its reference comes with the update, and an update whose post died (or never existed)
            // is claimed without one, so the dispatcher drops it instead of it waiting forever.
            // An update also waits while an older update of the same card is being delivered (by another replica, say), so the
            // two cannot land out of order; an older one waiting for a retry does not hold it back, as the version it shows
            // makes that one a no-op once the newer one is delivered.
            // By due time and id, the order of the index of undelivered rows (ix_outbox_due), so the scan stops at the limit
            // instead of reading and sorting every undelivered row.
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
                ClaimSql,
                new { Now = PostgresTime.ToDb(now), LeaseUntil = PostgresTime.ToDb(now + lease), Max = max },
                transaction, cancellationToken: cancellationToken))).ToList();
            return await OutboxRow.ToMessagesAsync(connection, transaction, StoreDialect.Postgres, rows, cancellationToken);
        }, cancellationToken);
    }

    // Every claim increments attempts, so "attempts is still what I claimed" means "my lease was not taken over".
    // One statement: the card reference is written by a CTE that takes effect only if the mark did.
    public Task<bool> MarkDeliveredAsync(OutboxMessage claimed, DateTimeOffset at, CardReference? posted = null, CancellationToken cancellationToken = default)
    {
        var post = claimed.Kind is NotificationKind.ChannelCard or NotificationKind.DirectMessage && posted is not null && claimed.CardKey is not null;
        var card = post
            // The first post's reference stands: a post is delivered once per platform, and a retried one is idempotent.
            ? """
              , card AS (
                  INSERT INTO card_references (card_key, platform, channel, message_id, shown_version, posted_at)
                  SELECT @CardKey, @Platform, @Channel, @MessageId, @Version, @At WHERE EXISTS (SELECT 1 FROM marked)
                  ON CONFLICT (card_key, platform) DO NOTHING)
              """
            : claimed.Kind == NotificationKind.CardUpdate
            ? """
              , card AS (
                  UPDATE card_references SET shown_version = greatest(shown_version, @Version)
                  WHERE card_key = @CardKey AND platform = @Platform AND EXISTS (SELECT 1 FROM marked))
              """
            : "";
        return database.WriteAsync(async (connection, transaction) => await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            WITH marked AS (UPDATE outbox SET delivered_at = @At, lease_until = NULL WHERE id = @Id AND attempts = @Attempts RETURNING 1)
            {card}
            SELECT count(*) FROM marked;
            """,
            new
            {
                claimed.Id,
                claimed.Attempts,
                At = PostgresTime.ToDb(at),
                claimed.CardKey,
                Platform = post ? posted!.Platform.Value : claimed.Platform?.Value,
                posted?.Channel,
                posted?.MessageId,
                Version = claimed.RequestVersion,
            },
            transaction, cancellationToken: cancellationToken)) == 1, cancellationToken);
    }

    public async Task<bool> MarkFailedAsync(OutboxMessage claimed, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            // Without a retry time the message is dead: kept for inspection, never claimed again.
            """
            UPDATE outbox
            SET last_error = @Error,
                lease_until = NULL,
                due_at = coalesce(@RetryAt, due_at),
                dead = @Dead
            WHERE id = @Id AND attempts = @Attempts AND delivered_at IS NULL;
            """,
            new { claimed.Id, claimed.Attempts, Error = error, RetryAt = PostgresTime.ToDb(retryAt), Dead = retryAt is null },
            transaction, cancellationToken: cancellationToken)), cancellationToken) == 1;

    /// <summary>
    /// How many messages are still to be delivered (not delivered, not dead), whenever they fall due: zero means every
    /// committed notification has gone out. Read-only, for health and for tests that wait for the outbox to drain.
    /// </summary>
    public Task<long> CountUndeliveredAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND NOT dead;", cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Writes a transition's notifications; a message without a due time is due when its event happened.</summary>
    private sealed class Row : OutboxRow
    {
        public DateTime DueAt { get; init; }

        public override DateTimeOffset Due => PostgresTime.FromDb(DueAt);
    }
}
