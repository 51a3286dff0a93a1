using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Ports;
using Dapper;

namespace ChatOpsJit.Storage;

/// <summary>The posted-message ledger: one row per platform and idempotency key, the first post winning.</summary>
public sealed class PostedMessageLedger(IStoreDatabase database, TimeProvider time) : IPostedMessageLedger
{
    public Task<CardReference?> FindAsync(PlatformName platform, string idempotencyKey, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<(string Channel, string MessageId)?>(new CommandDefinition(
                "SELECT channel, message_id FROM posted_messages WHERE platform = @Platform AND idempotency_key = @Key;",
                new { Platform = platform.Value, Key = idempotencyKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return row is { } found ? new CardReference(platform, found.Channel, found.MessageId) : null;
        }, cancellationToken);

    public Task RecordAsync(string idempotencyKey, CardReference posted, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO posted_messages (platform, idempotency_key, channel, message_id, posted_at)
            VALUES (@Platform, @Key, @Channel, @MessageId, @At) ON CONFLICT (platform, idempotency_key) DO NOTHING;
            """,
            new { Platform = posted.Platform.Value, Key = idempotencyKey, posted.Channel, posted.MessageId, At = database.Dialect.ToDb(time.GetUtcNow()) },
            transaction, cancellationToken: cancellationToken)), cancellationToken);
}
