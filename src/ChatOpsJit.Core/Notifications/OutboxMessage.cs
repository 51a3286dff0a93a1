using ChatOpsJit.Core.Chat;

namespace ChatOpsJit.Core.Notifications;

/// <summary>A notification written in the same transaction as the transition that caused it.</summary>
/// <param name="RequestVersion">The request's version when the card was drawn; an update never replaces a newer card.</param>
/// <param name="Platform">The chat platform that delivers it; null for an email.</param>
/// <param name="Recipient">A channel name for cards, an email address for DMs and emails.</param>
/// <param name="IdempotencyKey">Unique per message; a retry carries the same key so it never posts twice.</param>
public sealed record OutboxMessage(
    string RequestId,
    long RequestVersion,
    NotificationKind Kind,
    PlatformName? Platform,
    string Recipient,
    ChatCard Card,
    string IdempotencyKey)
{
    /// <summary>A sensitive card (credentials) is only ever answered privately; refusing it here keeps it out of every store.</summary>
    public ChatCard Card { get; init; } = Card.Sensitive
        ? throw new ArgumentException("a sensitive card never enters the outbox; answer it privately", nameof(Card))
        : Card;

    /// <summary>The recipient's user id on <see cref="Platform"/>, when known (DMs only).</summary>
    public string? RecipientUserId { get; init; }

    /// <summary>Identifies the card to post or update (one per request and platform); null for DMs and emails.</summary>
    public string? CardKey { get; init; }

    /// <summary>Store-assigned id; 0 before the message is stored.</summary>
    public long Id { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset DueAt { get; init; }

    /// <summary>For a card update: where the card was posted and the request version it shows now; filled in when claimed.</summary>
    public PostedCard? Target { get; init; }
}

/// <summary>A card as the core remembers it: where it was posted, and the request version it last showed.</summary>
public sealed record PostedCard(CardReference Reference, long ShownVersion);
