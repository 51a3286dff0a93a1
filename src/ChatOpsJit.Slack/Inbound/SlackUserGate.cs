using ChatOpsJit.Core.Chat;
using ChatOpsJit.Slack.BlockKit;
using ChatOpsJit.Slack.Identity;
using ChatOpsJit.Slack.WebApi;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>Turns the Slack user of a signed request into the core's <see cref="ChatUser"/>, or a sentence saying why not.</summary>
public sealed class SlackUserGate(SlackIdentityResolver identities, ILogger<SlackUserGate> logger)
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
        // Any failure of users.info (an error answer, a rate limit, a timeout) is an answer the presser sees; Slack's error
        // code (invalid_auth, token_revoked) says how the bot's token stands, so it goes to the log, not to the user.
        catch (Exception e) when (e is SlackApiException or Core.Ports.RetryAfterException or HttpRequestException or TimeoutException or Polly.ExecutionRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Looking up Slack user {UserId} failed: {Error}", userId, e.Message);
            return (null, "Slack could not tell me who you are right now; try again in a minute.");
        }
    }
}
