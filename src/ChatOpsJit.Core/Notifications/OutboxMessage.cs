namespace ChatOpsJit.Core.Notifications;

/// <summary>A notification written in the same transaction as the transition that caused it.</summary>
/// <param name="Channel">A chat platform name (<c>console</c>, <c>slack</c>, <c>teams</c>) or <c>email</c>.</param>
/// <param name="Recipient">A channel name for cards, an email address for DMs and emails.</param>
/// <param name="CardKey">Identifies the card to post or update; null for DMs and emails.</param>
/// <param name="IdempotencyKey">Unique per message; a retry carries the same key so it never posts twice.</param>
public sealed record OutboxMessage(
    string RequestId,
    string Channel,
    NotificationKind Kind,
    string Recipient,
    string? CardKey,
    ChatCard Card,
    string IdempotencyKey)
{
    /// <summary>Store-assigned id; 0 before the message is stored.</summary>
    public long Id { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset DueAt { get; init; }
}
