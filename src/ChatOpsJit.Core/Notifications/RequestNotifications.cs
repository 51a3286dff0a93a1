using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Notifications;

/// <summary>Addresses cards to the approvers' channels and to the requester, with idempotency keys unique per transition.</summary>
/// <param name="Platforms">The chat platforms this deployment runs; nothing is addressed to any other.</param>
/// <param name="Email">Whether an email sender is configured.</param>
public sealed record RequestNotifications(IReadOnlySet<PlatformName> Platforms, bool Email)
{
    /// <summary>The approvers' card, once per enabled platform that the policy names a channel for.</summary>
    public IEnumerable<OutboxMessage> PostApprovalCard(AccessRequest r, ChatCard card) => ToChannels(r, NotificationKind.ChannelCard, card);

    /// <summary>Redraws the approvers' card everywhere it was posted; nothing for auto-approved requests, which have no channels.</summary>
    public IEnumerable<OutboxMessage> UpdateApprovalCard(AccessRequest r, ChatCard card) => ToChannels(r, NotificationKind.CardUpdate, card);

    /// <summary>A DM on the platform the requester asked from (with their user id there), and the same card by email.</summary>
    public IEnumerable<OutboxMessage> ToRequester(AccessRequest r, ChatCard card)
    {
        if (Platforms.Contains(r.OriginPlatform))
        {
            yield return Message(r, NotificationKind.DirectMessage, r.OriginPlatform, r.RequesterEmail, card) with { RecipientUserId = r.RequesterUserId };
        }

        if (Email)
        {
            yield return Message(r, NotificationKind.Email, null, r.RequesterEmail, card);
        }
    }

    public static string CardKey(AccessRequest r) => $"approval:{r.Id}";

    private IEnumerable<OutboxMessage> ToChannels(AccessRequest r, NotificationKind kind, ChatCard card) =>
        r.Channels.Where(c => Platforms.Contains(c.Key))
            .Select(c => Message(r, kind, c.Key, c.Value, card) with { CardKey = CardKey(r) });

    private static OutboxMessage Message(AccessRequest r, NotificationKind kind, PlatformName? platform, string recipient, ChatCard card) =>
        new(r.Id, r.Version, kind, platform, recipient, card, $"{r.Id}:{r.Version}:{kind}:{platform?.Value ?? "email"}:{recipient}");
}
