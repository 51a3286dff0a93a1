using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Host.Workers;

/// <summary>Hands an outbox message to the adapter that can deliver it.</summary>
public sealed class NotificationRouter(IEnumerable<IChatPlatform> platforms, IEmailSender email)
{
    private readonly Dictionary<string, IChatPlatform> _platforms = platforms.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public Task DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.Kind == NotificationKind.Email)
        {
            return email.SendAsync(message.Recipient, message.Card, message.IdempotencyKey, ct);
        }

        if (!_platforms.TryGetValue(message.Channel, out var platform))
        {
            throw new InvalidOperationException($"no chat platform '{message.Channel}' is enabled");
        }

        return message.Kind switch
        {
            NotificationKind.ChannelCard => platform.PostCardAsync(message.Recipient, message.CardKey!, message.Card, message.IdempotencyKey, ct),
            NotificationKind.CardUpdate => platform.UpdateCardAsync(message.CardKey!, message.Card, ct),
            NotificationKind.DirectMessage => platform.SendDirectAsync(message.Recipient, message.Card, message.IdempotencyKey, ct),
            _ => throw new InvalidOperationException($"unknown notification kind {message.Kind}"),
        };
    }
}
