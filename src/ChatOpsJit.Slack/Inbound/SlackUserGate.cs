using ChatOpsJit.Core.Chat;
using ChatOpsJit.Slack.BlockKit;
using ChatOpsJit.Slack.Identity;
using ChatOpsJit.Slack.WebApi;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>Turns the Slack user of a signed request into the core's <see cref="ChatUser"/>, or a sentence saying why not.</summary>
public sealed class SlackUserGate(SlackIdentityResolver identities)
{
    public async Task<(ChatUser? User, string? Refusal)> IdentifyAsync(string? userId, CancellationToken ct)
    {
        if (!SlackUserIds.IsValid(userId))
        {
            return (null, "Slack did not say who you are.");
        }

        try
        {
            var identity = await identities.IdentifyAsync(userId!, ct).ConfigureAwait(false);
            return (identity.User, identity.Refusal);
        }
        catch (SlackApiException e)
        {
            return (null, $"Slack could not tell me who you are ({e.Error}); try again in a minute.");
        }
    }
}
