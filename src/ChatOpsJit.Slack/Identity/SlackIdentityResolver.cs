using System.Collections.Concurrent;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Slack.Identity;

/// <summary>
/// Slack user ids to emails (<c>users.info</c>) and back (<c>users.lookupByEmail</c>), each remembered for
/// <see cref="SlackOptions.IdentityCacheTime"/>, so a command from someone seen lately makes no Slack call before its ack.
/// It only translates: whether the email may do anything is the directory's and the core's business.
/// </summary>
public sealed class SlackIdentityResolver(SlackWebApiClient slack, IOptions<SlackOptions> options, TimeProvider time)
{
    private readonly RememberedAnswers<SlackIdentity> _byUserId = new(time, options.Value.IdentityCacheTime, StringComparer.Ordinal);
    private readonly RememberedAnswers<string?> _byEmail = new(time, options.Value.IdentityCacheTime, StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _directChannels = new(StringComparer.Ordinal);

    /// <summary>Who a Slack user is, as the core knows people; a refusal in words when Slack cannot say.</summary>
    public async Task<SlackIdentity> IdentifyAsync(string userId, CancellationToken ct = default)
    {
        if (_byUserId.TryGet(userId, out var known))
        {
            return known;
        }

        var user = await slack.GetUserAsync(userId, ct).ConfigureAwait(false);
        var identity = user switch
        {
            { Deleted: true } => SlackIdentity.Refused("your Slack account is deactivated."),
            { IsBot: true } => SlackIdentity.Refused("bots cannot ask for access."),
            { Profile.Email: { Length: > 0 } email } => new SlackIdentity(new ChatUser(PlatformName.Slack, userId, email), null),
            _ => SlackIdentity.Refused("Slack did not share your email with ChatOpsJit (the app needs the users:read.email scope); ask an administrator."),
        };
        _byUserId.Remember(userId, identity);
        if (identity.User is { } chatUser)
        {
            _byEmail.Remember(chatUser.Email, userId);
        }

        return identity;
    }

    /// <summary>The Slack user id for an email, or null when the workspace has nobody with it.</summary>
    public async Task<string?> FindUserIdAsync(string email, CancellationToken ct = default)
    {
        if (_byEmail.TryGet(email, out var known))
        {
            return known;
        }

        var user = await slack.LookupByEmailAsync(email, ct).ConfigureAwait(false);
        var id = user is { Deleted: false } ? user.Id : null;
        _byEmail.Remember(email, id);
        return id;
    }

    /// <summary>The bot's DM channel with a user; a DM channel never changes, so it is remembered for good.</summary>
    public async Task<string> DirectChannelAsync(string userId, CancellationToken ct = default)
    {
        if (_directChannels.TryGetValue(userId, out var channel))
        {
            return channel;
        }

        channel = await slack.OpenDirectChannelAsync(userId, ct).ConfigureAwait(false);
        _directChannels[userId] = channel;
        return channel;
    }
}

/// <summary>A Slack user as the core sees them, or why they cannot be.</summary>
public sealed record SlackIdentity(ChatUser? User, string? Refusal)
{
    public static SlackIdentity Refused(string why) => new(null, why);
}
