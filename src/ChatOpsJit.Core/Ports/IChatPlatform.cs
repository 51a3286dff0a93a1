using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Core.Ports;

/// <summary>
/// What the shared workflow needs from a chat platform: post a card, update it for everyone, DM a person.
/// Adapters only translate; they never decide who may do what, and they keep no map of what they posted: the core
/// stores the reference <see cref="PostCardAsync"/> returns and hands it back to <see cref="UpdateCardAsync"/>.
/// </summary>
public interface IChatPlatform
{
    /// <summary>The key used in policies' <c>channels</c> and in outbox messages.</summary>
    PlatformName Name { get; }

    /// <summary>Posts a card; posting again with the same idempotency key returns the first post's reference.</summary>
    Task<CardReference> PostCardAsync(string channel, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Replaces the posted card for everyone who sees it.</summary>
    Task UpdateCardAsync(CardReference posted, ChatCard card, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a DM and returns what it was posted as, so a DM with buttons can be redrawn like any card; sending again with
    /// the same idempotency key returns the first message's reference.
    /// </summary>
    Task<CardReference> SendDirectAsync(DirectRecipient to, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default);
}
