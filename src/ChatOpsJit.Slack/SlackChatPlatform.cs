using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Slack.BlockKit;
using ChatOpsJit.Slack.Identity;
using ChatOpsJit.Slack.WebApi;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Slack;

/// <summary>
/// The workflow's cards and DMs as Slack messages: Block Kit through <c>chat.postMessage</c> and <c>chat.update</c>, DMs
/// through <c>users.lookupByEmail</c> and <c>conversations.open</c>. Slack takes no idempotency key, so each post is
/// recorded in the ledger as soon as Slack answers, and a retried delivery returns that message instead of posting again.
/// </summary>
public sealed class SlackChatPlatform(
    SlackWebApiClient slack, SlackIdentityResolver identities, IPostedMessageLedger ledger, ILogger<SlackChatPlatform> logger) : IChatPlatform
{
    public PlatformName Name => PlatformName.Slack;

    public Task<CardReference> PostCardAsync(string channel, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default) =>
        PostOnceAsync(idempotencyKey, _ => Task.FromResult(channel), card, cancellationToken);

    public async Task UpdateCardAsync(CardReference posted, ChatCard card, CancellationToken cancellationToken = default)
    {
        var message = await RenderAsync(card, cancellationToken).ConfigureAwait(false);
        await slack.UpdateMessageAsync(posted.Channel, posted.MessageId, message, cancellationToken).ConfigureAwait(false);
    }

    public Task<CardReference> SendDirectAsync(DirectRecipient to, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default) =>
        PostOnceAsync(idempotencyKey, async ct =>
        {
            var userId = SlackUserIds.IsValid(to.UserId) ? to.UserId! : await identities.FindUserIdAsync(to.Email, ct).ConfigureAwait(false)
                         ?? throw new UnreachableRecipientException($"{to.Email} has no account in the Slack workspace");
            return await identities.DirectChannelAsync(userId, ct).ConfigureAwait(false);
        }, card, cancellationToken);

    // A delivery Slack already took returns what it posted; the channel is found only for a first post.
    private async Task<CardReference> PostOnceAsync(string idempotencyKey, Func<CancellationToken, Task<string>> channel, ChatCard card, CancellationToken ct)
    {
        if (await ledger.FindAsync(Name, idempotencyKey, ct).ConfigureAwait(false) is { } earlier)
        {
            return earlier;
        }

        var where = await channel(ct).ConfigureAwait(false);
        var message = await RenderAsync(card, ct).ConfigureAwait(false);
        var posted = await slack.PostMessageAsync(where, message, ct).ConfigureAwait(false);
        return await RecordAsync(idempotencyKey, posted, ct).ConfigureAwait(false);
    }

    // The card names people by email; Slack mentions them by user id, and only those with an account can be mentioned.
    private async Task<SlackMessage> RenderAsync(ChatCard card, CancellationToken ct)
    {
        if (card.Sensitive)
        {
            // Credentials are answered privately to the presser; an outbox message must never carry them.
            throw new InvalidOperationException("a sensitive card is never posted");
        }

        var ids = new List<string>();
        foreach (var mention in card.Mentions.Where(m => m.Kind == CardMentionKind.Person))
        {
            if (await identities.FindUserIdAsync(mention.Name, ct).ConfigureAwait(false) is { } id && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return BlockKitRenderer.Render(card, ids);
    }

    private async Task<CardReference> RecordAsync(string idempotencyKey, PostedMessage posted, CancellationToken ct)
    {
        var reference = new CardReference(Name, posted.Channel, posted.Ts);
        try
        {
            await ledger.RecordAsync(idempotencyKey, reference, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The message is in Slack; returning its reference still lets the outbox store it with the delivery.
            logger.LogWarning(e, "Could not record Slack message {Ts} in {Channel} in the ledger", posted.Ts, posted.Channel);
        }

        return reference;
    }
}
