using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Serialization;

namespace ChatOpsJit.Core.Notifications;

/// <summary>
/// Addresses a request's notifications. Live cards (the approvers' channel card, approvers' DMs, the requester's grant and
/// reminder DMs) follow from the request itself: one appears as a post when the request first calls for it, and is redrawn
/// for everyone whenever a transition changes how it looks. So no transition lists the cards to update, and every post
/// has its updates. One-off notices go to the requester by DM and email, with idempotency keys unique per transition.
/// </summary>
/// <param name="Platforms">The chat platforms this deployment runs; nothing is addressed to any other.</param>
/// <param name="Email">Whether an email sender is configured.</param>
public sealed record RequestNotifications(IReadOnlySet<PlatformName> Platforms, bool Email, RequestCards Cards)
{
    /// <summary>A one-off notice: a DM on the platform the requester asked from (with their user id there), and the same card by email.</summary>
    public IEnumerable<OutboxMessage> ToRequester(AccessRequest r, ChatCard card)
    {
        if (Platforms.Contains(r.OriginPlatform))
        {
            yield return Message(r, NotificationKind.DirectMessage, r.OriginPlatform, r.RequesterEmail, card, null) with { RecipientUserId = r.RequesterUserId };
        }

        foreach (var email in EmailRequester(r, card))
        {
            yield return email;
        }
    }

    /// <summary>The email alone, for news whose DM is a live card.</summary>
    public IEnumerable<OutboxMessage> EmailRequester(AccessRequest r, ChatCard card) =>
        Email ? [Message(r, NotificationKind.Email, null, r.RequesterEmail, card, null)] : [];

    /// <summary>
    /// What a transition from <paramref name="before"/> (null for a new request) to <paramref name="after"/> shows: posts for
    /// live cards that appear, updates for live cards that now look different, and an email to each newly told approver.
    /// </summary>
    public IEnumerable<OutboxMessage> Changes(AccessRequest? before, AccessRequest after)
    {
        var shown = before is null ? [] : LiveCards(before).ToDictionary(c => (c.Key, c.Platform));
        // Cards that look alike are drawn and compared once: the approvers of a level all get one card, by DM on each
        // platform and by email, and one instance lets the store serialize it once.
        var drawn = new Dictionary<string, ChatCard>(StringComparer.Ordinal);
        var redrawn = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var card in LiveCards(after))
        {
            var now = Alike(drawn, card.Look, () => card.Draw(after));
            if (!shown.TryGetValue((card.Key, card.Platform), out var old))
            {
                yield return Message(after, card.Kind, card.Platform, card.Recipient, now, card.Key) with { RecipientUserId = card.RecipientUserId };
            }
            else if (Alike(redrawn, card.Look, () => CoreJson.Serialize(old.Draw(before!)) != CoreJson.Serialize(now)))
            {
                yield return Message(after, NotificationKind.CardUpdate, card.Platform, card.Recipient, now, card.Key);
            }
        }

        if (!Email)
        {
            yield break;
        }

        foreach (var notice in after.ApproverNotices.Except(before?.ApproverNotices ?? []))
        {
            var card = Alike(drawn, ApproverLook(notice), () => Cards.ForApprover(after, notice));
            yield return Message(after, NotificationKind.Email, null, notice.Email, card, ApproverKey(after, notice));
        }
    }

    /// <summary>The live cards a request has: each a key (unique per platform), where it goes, and how to draw it.</summary>
    public IEnumerable<LiveCard> LiveCards(AccessRequest r)
    {
        // A manual request has levels; its card goes to each approvers' channel the policy names on an enabled platform.
        if (r.Levels.Count > 0)
        {
            foreach (var (platform, channel) in r.Channels.Where(c => Platforms.Contains(c.Key)))
            {
                yield return new LiveCard($"approval:{r.Id}", platform, NotificationKind.ChannelCard, channel, null, Cards.Approval);
            }
        }

        foreach (var notice in r.ApproverNotices)
        {
            foreach (var platform in DirectPlatforms(r))
            {
                yield return new LiveCard(ApproverKey(r, notice), platform, NotificationKind.DirectMessage, notice.Email, null, n => Cards.ForApprover(n, notice))
                {
                    Look = ApproverLook(notice),
                };
            }
        }

        if (!Platforms.Contains(r.OriginPlatform))
        {
            yield break;
        }

        if (r.ActivatedAt is not null)
        {
            yield return new LiveCard($"granted:{r.Id}", r.OriginPlatform, NotificationKind.DirectMessage, r.RequesterEmail, r.RequesterUserId, Cards.Granted);
        }

        for (var n = 1; n <= r.RemindedFor.Count; n++)
        {
            var number = n;
            yield return new LiveCard($"reminder:{r.Id}:{n}", r.OriginPlatform, NotificationKind.DirectMessage, r.RequesterEmail, r.RequesterUserId, x => Cards.Reminder(x, number));
        }
    }

    // Approvers are reached where approvals happen (the policy's channel platforms) and where the requester asked.
    private IEnumerable<PlatformName> DirectPlatforms(AccessRequest r) =>
        r.Channels.Keys.Append(r.OriginPlatform).Distinct().Where(Platforms.Contains);

    // An approver's card shows the request and the approver's level, not who the approver is (RequestCards.ForApprover).
    private static string ApproverLook(ApproverNotice notice) => $"approver:{notice.Round}:{notice.Level}";

    private static T Alike<T>(Dictionary<string, T> done, string? look, Func<T> make)
    {
        if (look is null)
        {
            return make();
        }

        if (!done.TryGetValue(look, out var made))
        {
            done.Add(look, made = make());
        }

        return made;
    }

    private static string ApproverKey(AccessRequest r, ApproverNotice notice) =>
        $"approver:{r.Id}:{notice.Round}:{notice.Level}:{notice.Email.ToLowerInvariant()}";

    private static OutboxMessage Message(AccessRequest r, NotificationKind kind, PlatformName? platform, string recipient, ChatCard card, string? cardKey) =>
        new(r.Id, r.Version, kind, platform, recipient, card, $"{r.Id}:{r.Version}:{kind}:{platform?.Value ?? "email"}:{cardKey ?? recipient}")
        {
            CardKey = kind == NotificationKind.Email ? null : cardKey,
        };
}

/// <summary>A card that is posted once and redrawn as its request changes.</summary>
/// <param name="Kind">How it is first posted: into a channel, or as a DM.</param>
public sealed record LiveCard(string Key, PlatformName Platform, NotificationKind Kind, string Recipient, string? RecipientUserId, Func<AccessRequest, ChatCard> Draw)
{
    /// <summary>Cards with the same look (none: a look of its own) draw the same card for any request.</summary>
    public string? Look { get; init; }
}
