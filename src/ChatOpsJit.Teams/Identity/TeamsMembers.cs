using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Teams.Connector;
using ChatOpsJit.Teams.Conversations;
using ChatOpsJit.Teams.Inbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Teams.Identity;

/// <summary>
/// Teams senders to emails and emails to Teams members, through the connector's member lookup
/// (<c>GET /v3/conversations/{id}/members/{user}</c>), each remembered for <see cref="TeamsOptions.IdentityCacheTime"/>.
/// The sender's Entra object id is the stable id; whether the email may do anything is the directory's and the core's call.
/// </summary>
public sealed class TeamsMembers(
    BotConnectorClient connector, TeamsConversations conversations, IOptions<TeamsOptions> options, TimeProvider time, ILogger<TeamsMembers> logger)
{
    private readonly RememberedAnswers<TeamsMember?> _bySender = new(time, options.Value.IdentityCacheTime, StringComparer.Ordinal);
    private readonly RememberedAnswers<FoundMember?> _byEmail = new(time, options.Value.IdentityCacheTime, StringComparer.OrdinalIgnoreCase);

    /// <summary>Who sent an authenticated activity, as a <see cref="ChatUser"/> keyed by Entra object id.</summary>
    public async Task<TeamsIdentity> IdentifyAsync(TeamsActivity activity, CancellationToken ct)
    {
        if (activity.From.Id is not { } senderId || activity.From.AadObjectId is null)
        {
            return TeamsIdentity.Refused("Teams did not say who you are (only people signed in to your organisation can ask for access).");
        }

        TeamsMember? member;
        try
        {
            if (!_bySender.TryGet(senderId, out member))
            {
                member = await connector.GetMemberAsync(activity.ServiceUrl, activity.ConversationId, senderId, ct).ConfigureAwait(false);
                _bySender.Remember(senderId, member);
            }
        }
        // A refusal, a rate limit or an outage of the member lookup is an answer the sender sees; the details go to the log.
        catch (Exception e) when (e is BotConnectorException or RetryAfterException or HttpRequestException or TimeoutException or Polly.ExecutionRejectedException or InvalidOperationException
                                  or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Looking up Teams member {UserId} failed: {Error}", senderId, e.Message);
            return TeamsIdentity.Refused("Teams could not tell me who you are right now; try again in a minute.");
        }

        if (member?.Email is not { Length: > 0 } email)
        {
            return TeamsIdentity.Refused("Teams did not share your email with ChatOpsJit; ask an administrator.");
        }

        // The email is only as good as the directory it comes from: another tenant's administrators could give anyone any
        // address, so a member homed elsewhere, or whose object id is not the sender's, is not taken at their word.
        if (member.TenantId is { } home && !options.Value.Tenants.Contains(home))
        {
            logger.LogWarning("Teams member {UserId} belongs to tenant {Tenant}, which is not allowed", senderId, home);
            return TeamsIdentity.Refused("your Teams account belongs to another organisation, whose people cannot ask for access here.");
        }

        if (member.AadObjectId is { } objectId && !string.Equals(objectId, activity.From.AadObjectId, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Teams member {UserId} has object id {ObjectId}, but the activity says {ActivityObjectId}", senderId, objectId, activity.From.AadObjectId);
            return TeamsIdentity.Refused("Teams gave two different accounts for you; ask an administrator.");
        }

        var personal = activity.ConversationType == "personal" ? activity.ConversationId : null;
        var known = await conversations.FindPersonAsync(new DirectRecipient(email, activity.From.AadObjectId), ct).ConfigureAwait(false);
        await conversations.RememberPersonAsync(new ConversationReference(
            activity.ServiceUrl, personal ?? known?.ConversationId ?? "", activity.TenantId ?? options.Value.TenantId!, "person",
            senderId, activity.From.AadObjectId, email), ct).ConfigureAwait(false);
        return new TeamsIdentity(new ChatUser(PlatformName.Teams, activity.From.AadObjectId, email), null);
    }

    /// <summary>
    /// A person by email (Teams looks members up by UPN, which is usually the email), in <paramref name="first"/> and then in
    /// every other conversation the bot shares, with the conversation that knew them. A conversation that refuses the lookup
    /// (one the bot has left, say) is skipped, not taken for an answer.
    /// </summary>
    public async Task<FoundMember?> FindByEmailAsync(string email, ConversationReference? first, CancellationToken ct)
    {
        if (_byEmail.TryGet(email, out var known))
        {
            return known;
        }

        var places = new List<ConversationReference>();
        if (first is not null)
        {
            places.Add(first);
        }

        places.AddRange((await conversations.SharedConversationsAsync(ct).ConfigureAwait(false)).Where(c => c.ConversationId != first?.ConversationId));
        foreach (var place in places)
        {
            TeamsMember? member;
            try
            {
                member = await connector.GetMemberAsync(place.ServiceUrl, place.ConversationId, email, ct).ConfigureAwait(false);
            }
            catch (BotConnectorException e)
            {
                logger.LogInformation("Teams conversation {ConversationId} refused a member lookup ({Status} {Code}); trying the next", place.ConversationId, e.Status, e.Code);
                continue;
            }

            if (member is not null)
            {
                var found = new FoundMember(member, place);
                _byEmail.Remember(email, found);
                return found;
            }
        }

        _byEmail.Remember(email, null);
        return null;
    }
}

/// <summary>A Teams member found by email, and the conversation whose roster holds them (its service URL and tenant reach them).</summary>
public sealed record FoundMember(TeamsMember Member, ConversationReference Where);
