using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Host.Workers;

/// <summary>Hands an outbox message to the adapter that can deliver it; a card post returns what the platform posted.</summary>
public sealed class NotificationRouter(IEnumerable<IChatPlatform> platforms, IEnumerable<IEmailSender> email)
{
    private readonly Dictionary<PlatformName, IChatPlatform> _platforms = platforms.ToDictionary(p => p.Name);
    private readonly IEmailSender? _email = email.FirstOrDefault();

    /// <summary>Delivers the message; for a card post or a DM, the reference to store for later updates, else null.</summary>
    public async Task<CardReference?> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.Kind == NotificationKind.Email)
        {
            await (_email ?? throw new InvalidOperationException("no email sender is configured")).SendAsync(message.Recipient, message.Card, message.IdempotencyKey, ct).ConfigureAwait(false);
            return null;
        }

        if (message.Platform is not { } name || !_platforms.TryGetValue(name, out var platform))
        {
            throw new InvalidOperationException($"no chat platform '{message.Platform}' is enabled");
        }

        switch (message.Kind)
        {
            case NotificationKind.ChannelCard:
                return await platform.PostCardAsync(message.Recipient, message.Card, message.IdempotencyKey, ct).ConfigureAwait(false);
            case NotificationKind.CardUpdate:
                // The dispatcher drops an update whose card was never posted; one reaching here without a target is a bug.
                var target = message.Target ?? throw new InvalidOperationException($"card update {message.Id} has no posted card to update");
                await platform.UpdateCardAsync(target.Reference, message.Card, ct).ConfigureAwait(false);
                return null;
            case NotificationKind.DirectMessage:
                return await platform.SendDirectAsync(new DirectRecipient(message.Recipient, message.RecipientUserId), message.Card, message.IdempotencyKey, ct).ConfigureAwait(false);
            default:
                throw new InvalidOperationException($"unknown notification kind {message.Kind}");
        }
    }
}
