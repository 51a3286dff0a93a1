using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Notifications;

/// <summary>Addresses cards to the approvers' channels and to the requester, with idempotency keys unique per transition.</summary>
public sealed class RequestNotifications(IReadOnlyCollection<string> chatPlatforms)
{
    public const string EmailChannel = "email";

    /// <summary>The approvers' card, once per enabled platform that the policy names a channel for.</summary>
    public IEnumerable<OutboxMessage> PostApprovalCard(AccessRequest r) =>
        r.Channels.Where(c => chatPlatforms.Contains(c.Key, StringComparer.OrdinalIgnoreCase))
            .Select(c => Message(r, c.Key.ToLowerInvariant(), NotificationKind.ChannelCard, c.Value, CardKey(r), RequestCards.Approval(r)));

    /// <summary>Redraws the approvers' card everywhere it was posted; nothing for auto-approved requests, which have no channels.</summary>
    public IEnumerable<OutboxMessage> UpdateApprovalCard(AccessRequest r) =>
        r.Channels.Where(c => chatPlatforms.Contains(c.Key, StringComparer.OrdinalIgnoreCase))
            .Select(c => Message(r, c.Key.ToLowerInvariant(), NotificationKind.CardUpdate, c.Value, CardKey(r), RequestCards.Approval(r)));

    /// <summary>A DM on the platform the requester asked from, and the same card by email.</summary>
    public IEnumerable<OutboxMessage> ToRequester(AccessRequest r, ChatCard card)
    {
        if (chatPlatforms.Contains(r.OriginPlatform, StringComparer.OrdinalIgnoreCase))
        {
            yield return Message(r, r.OriginPlatform, NotificationKind.DirectMessage, r.RequesterEmail, null, card);
        }

        yield return Message(r, EmailChannel, NotificationKind.Email, r.RequesterEmail, null, card);
    }

    public static string CardKey(AccessRequest r) => $"approval:{r.Id}";

    private static OutboxMessage Message(AccessRequest r, string channel, NotificationKind kind, string recipient, string? cardKey, ChatCard card) =>
        new(r.Id, channel, kind, recipient, cardKey, card, $"{r.Id}:{r.Version}:{kind}:{channel}:{recipient}");
}
