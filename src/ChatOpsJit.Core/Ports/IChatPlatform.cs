using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Core.Ports;

/// <summary>
/// What the shared workflow needs from a chat platform: post a card, update it for everyone, DM a person.
/// Adapters only translate; they never decide who may do what.
/// </summary>
public interface IChatPlatform
{
    /// <summary>The key used in policies' <c>channels</c> and in outbox messages: <c>console</c>, <c>slack</c>, <c>teams</c>.</summary>
    string Name { get; }

    Task PostCardAsync(string channel, string cardKey, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default);

    Task UpdateCardAsync(string cardKey, ChatCard card, CancellationToken cancellationToken = default);

    Task SendDirectAsync(string email, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default);
}
