using System.Text.Json.Nodes;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Teams.Cards;
using ChatOpsJit.Teams.Connector;
using ChatOpsJit.Teams.Conversations;
using ChatOpsJit.Teams.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Teams;

/// <summary>
/// The workflow's cards and DMs as Teams messages. A channel card starts a thread and shows its buttons only to the
/// approvers it names (through <c>refresh.userIds</c>); a DM goes to the stored personal chat, or one created with the
/// tenant id. Teams takes no idempotency key, so every post is recorded in the ledger as soon as Teams answers.
/// </summary>
public sealed class TeamsChatPlatform(
    BotConnectorClient connector, TeamsConversations conversations, TeamsMembers members, TeamsCardViews views, IPostedMessageLedger ledger,
    IOptions<TeamsOptions> options, ILogger<TeamsChatPlatform> logger) : IChatPlatform
{
    public PlatformName Name => PlatformName.Teams;

    private string BotId => "28:" + options.Value.AppId;

    public async Task<CardReference> PostCardAsync(string channel, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (await ledger.FindAsync(Name, idempotencyKey, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return earlier;
        }

        var where = await ChannelAsync(channel, cancellationToken).ConfigureAwait(false);
        var activity = Message(await RenderForChannelAsync(card, where, cancellationToken).ConfigureAwait(false));
        var (thread, activityId) = await connector.StartThreadAsync(where.ServiceUrl, channel, where.TenantId, activity, cancellationToken).ConfigureAwait(false);
        return await RecordAsync(idempotencyKey, new CardReference(Name, thread, activityId), cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateCardAsync(CardReference posted, ChatCard card, CancellationToken cancellationToken = default)
    {
        var where = await conversations.FindConversationAsync(posted.Channel, cancellationToken).ConfigureAwait(false)
                    ?? await ChannelAsync(TeamsConversations.ChannelOf(posted.Channel), cancellationToken).ConfigureAwait(false);
        var content = where.IsPersonal ? Personal(card) : await RenderForChannelAsync(card, where, cancellationToken).ConfigureAwait(false);
        await connector.UpdateAsync(where.ServiceUrl, posted.Channel, posted.MessageId, Message(content), cancellationToken).ConfigureAwait(false);
    }

    public Task<CardReference> SendDirectAsync(DirectRecipient to, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default) =>
        SendDirectAsync(to, Personal(card), idempotencyKey, cancellationToken);

    /// <summary>A DM of a card already drawn (an answer to a command or a press made in a channel, sent privately instead).</summary>
    internal async Task<CardReference> SendDirectAsync(DirectRecipient to, JsonObject content, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (await ledger.FindAsync(Name, idempotencyKey, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return earlier;
        }

        try
        {
            var chat = await PersonalChatAsync(to, cancellationToken).ConfigureAwait(false);
            var activityId = await connector.SendAsync(chat.ServiceUrl, chat.ConversationId, Message(content), cancellationToken).ConfigureAwait(false);
            return await RecordAsync(idempotencyKey, new CardReference(Name, chat.ConversationId, activityId), cancellationToken).ConfigureAwait(false);
        }
        catch (BotConnectorException e) when (e.WritesBlocked)
        {
            // The person blocked the bot or removed it: the email still goes, and the outbox stops trying this DM.
            logger.LogWarning("Teams will not let the bot write to {Email} ({Code}); they need the ChatOpsJit app installed for themselves", to.Email, e.Code);
            throw new UnreachableRecipientException($"Teams refused a chat with {to.Email} ({e.Code}): the ChatOpsJit app is not installed for them, or they blocked it");
        }
    }

    // A channel the bot was installed in is known by its own reference; any other channel of the bot's tenant is reached
    // through that tenant's service URL, since Teams names one per tenant and region.
    private async Task<ConversationReference> ChannelAsync(string channel, CancellationToken ct)
    {
        if (await conversations.FindConversationAsync(channel, ct).ConfigureAwait(false) is { } known)
        {
            return known;
        }

        return await conversations.FindTenantAsync(options.Value.TenantId!, ct).ConfigureAwait(false) is { } tenant
            ? tenant with { ConversationId = channel, ConversationType = "channel" }
            : throw new InvalidOperationException($"the bot has not been added to any team of tenant {options.Value.TenantId} yet, so Teams channel {channel} cannot be reached; add the app to the approvers' team");
    }

    private async Task<ConversationReference> PersonalChatAsync(DirectRecipient to, CancellationToken ct)
    {
        var person = await conversations.FindPersonAsync(to, ct).ConfigureAwait(false);
        if (person is { ConversationId.Length: > 0 })
        {
            return person;
        }

        if (person?.UserId is null)
        {
            // Created through the conversation that knew them: its service URL and tenant are theirs.
            var found = await members.FindByEmailAsync(to.Email, null, ct).ConfigureAwait(false)
                        ?? throw new UnreachableRecipientException($"{to.Email} is not a member of any Teams conversation the bot is in");
            person = new ConversationReference(found.Where.ServiceUrl, "", found.Where.TenantId, "person", found.Member.Id, found.Member.AadObjectId, to.Email);
        }

        var conversation = await connector.OpenPersonalAsync(person.ServiceUrl, BotId, person.UserId!, person.TenantId, ct).ConfigureAwait(false);
        person = person with { ConversationId = conversation };
        await conversations.RememberPersonAsync(person, ct).ConfigureAwait(false);
        await conversations.RememberConversationAsync(new ConversationReference(person.ServiceUrl, conversation, person.TenantId, "personal"), ct).ConfigureAwait(false);
        return person;
    }

    private async Task<JsonObject> RenderForChannelAsync(ChatCard card, ConversationReference channel, CancellationToken ct)
    {
        GuardSensitive(card);
        return await views.ChannelAsync(card, channel, null, ct).ConfigureAwait(false);
    }

    private static JsonObject Personal(ChatCard card)
    {
        GuardSensitive(card);
        return TeamsCardViews.Personal(card);
    }

    // Credentials are answered privately to the presser in the invoke response; an outbox message must never carry them.
    private static void GuardSensitive(ChatCard card)
    {
        if (card.Sensitive)
        {
            throw new InvalidOperationException("a sensitive card is never posted");
        }
    }

    private static JsonObject Message(JsonObject card) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(AdaptiveCardRenderer.Attachment(card)),
    };

    private async Task<CardReference> RecordAsync(string idempotencyKey, CardReference reference, CancellationToken ct)
    {
        try
        {
            await ledger.RecordAsync(idempotencyKey, reference, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The message is in Teams; returning its reference still lets the outbox store it with the delivery.
            logger.LogWarning(e, "Could not record Teams activity {ActivityId} in the ledger", reference.MessageId);
        }

        return reference;
    }
}
