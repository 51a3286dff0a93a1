using System.Data.Common;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Serialization;
using Dapper;

namespace ChatOpsJit.Storage.Shared;

/// <summary>A claimed outbox row as both providers read it; each provider adds <c>DueAt</c> in its own time type.</summary>
internal abstract class OutboxRow
{
    /// <summary>The columns in the order and names the row reads them (the due time is the provider's to add).</summary>
    public const string Columns =
        "id AS Id, request_id AS RequestId, request_version AS RequestVersion, kind AS Kind, platform AS Platform, recipient AS Recipient, " +
        "recipient_user_id AS RecipientUserId, card_key AS CardKey, card_id AS CardId, idempotency_key AS IdempotencyKey, due_at AS DueAt, attempts AS Attempts";

    /// <summary>Inserts one message of a transition, with <see cref="InsertParameters"/>; the same text for both providers.</summary>
    public const string InsertSql = """
        INSERT INTO outbox (request_id, request_version, kind, platform, recipient, recipient_user_id, card_key, card_id, idempotency_key, created_at, due_at)
        VALUES (@RequestId, @RequestVersion, @Kind, @Platform, @Recipient, @RecipientUserId, @CardKey, @CardId, @IdempotencyKey, @CreatedAt, @DueAt);
        """;

    /// <summary>
    /// The parameters of <see cref="InsertSql"/>, its card stored under <paramref name="cards"/>' id for it (the caller inserts
    /// the cards first); a message without a due time is due when its event happened.
    /// </summary>
    public static object InsertParameters(StoreDialect dialect, OutboxMessage message, DateTimeOffset eventAt, OutboxCards cards) => new
    {
        message.RequestId, message.RequestVersion, Kind = message.Kind.ToString(), Platform = message.Platform?.Value, message.Recipient,
        message.RecipientUserId, message.CardKey, CardId = cards.IdOf(message), message.IdempotencyKey,
        CreatedAt = dialect.ToDb(eventAt), DueAt = dialect.ToDb(message.DueAt == default ? eventAt : message.DueAt),
    };

    /// <summary>
    /// Claimed rows as messages, in id order (RETURNING does not promise one), each with its card and, for a card update,
    /// the post it updates: two reads for the whole claim, inside its transaction.
    /// </summary>
    public static async Task<IReadOnlyList<OutboxMessage>> ToMessagesAsync(
        DbConnection connection, DbTransaction transaction, StoreDialect dialect, IReadOnlyCollection<OutboxRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var keys = rows.Where(r => r.Kind == nameof(NotificationKind.CardUpdate)).Select(r => r.CardKey).Distinct().ToArray();
        var posted = keys.Length == 0 ? [] : (await connection.QueryAsync<PostedCardRow>(new CommandDefinition(
            $"{PostedCardRow.Query} WHERE {dialect.InList("card_key", "@Keys")};",
            new { Keys = keys }, transaction, cancellationToken: cancellationToken))).ToList();
        var cards = (await connection.QueryAsync<StoredCard>(new CommandDefinition(
            $"{StoredCard.Query} WHERE {dialect.InList("id", "@Ids")};",
            new { Ids = rows.Select(r => r.CardId).Distinct().ToArray() }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(c => c.Id, c => CoreJson.Deserialize<ChatCard>(c.Card), StringComparer.Ordinal);
        return rows.OrderBy(r => r.Id).Select(r => r.ToMessage(posted, cards)).ToList();
    }

    public long Id { get; init; }
    public string RequestId { get; init; } = "";
    public long RequestVersion { get; init; }
    public string Kind { get; init; } = "";
    public string? Platform { get; init; }
    public string Recipient { get; init; } = "";
    public string? RecipientUserId { get; init; }
    public string? CardKey { get; init; }
    public string CardId { get; init; } = "";
    public string IdempotencyKey { get; init; } = "";
    public long Attempts { get; init; }

    public abstract DateTimeOffset Due { get; }

    private OutboxMessage ToMessage(IReadOnlyList<PostedCardRow> posted, IReadOnlyDictionary<string, ChatCard> cards)
    {
        PlatformName? platform = Platform is null ? null : new PlatformName(Platform);
        var target = posted.FirstOrDefault(p => p.CardKey == CardKey && p.Platform == Platform);
        var card = cards.TryGetValue(CardId, out var stored)
            ? stored
            : throw new InvalidOperationException($"outbox message {Id} names card '{CardId}', which is not stored");
        return new OutboxMessage(RequestId, RequestVersion, Enum.Parse<NotificationKind>(Kind), platform, Recipient, card, IdempotencyKey)
        {
            RecipientUserId = RecipientUserId,
            CardKey = CardKey,
            Id = Id,
            Attempts = (int)Attempts,
            DueAt = Due,
            Target = Kind == nameof(NotificationKind.CardUpdate) && target is not null
                ? new PostedCard(new CardReference(new PlatformName(target.Platform), target.Channel, target.MessageId), target.ShownVersion)
                : null,
        };
    }
}

/// <summary>What a platform returned for a posted card (a <c>card_references</c> row), read to aim the card's updates.</summary>
internal sealed class PostedCardRow
{
    public const string Query =
        "SELECT card_key AS CardKey, platform AS Platform, channel AS Channel, message_id AS MessageId, shown_version AS ShownVersion FROM card_references";

    public string CardKey { get; init; } = "";
    public string Platform { get; init; } = "";
    public string Channel { get; init; } = "";
    public string MessageId { get; init; } = "";
    public long ShownVersion { get; init; }
}
