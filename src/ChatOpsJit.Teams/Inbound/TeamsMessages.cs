using ChatOpsJit.Core.Commands;
using ChatOpsJit.Teams.Cards;
using ChatOpsJit.Teams.Identity;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Teams.Inbound;

/// <summary>
/// A message to the bot: a command (<c>access web-1 disk full</c>, with or without the word access, the bot's @mention
/// removed) or the <c>Action.Submit</c> fallback of a button on a client without Universal Actions. Teams sends a message
/// again when its answer was slow, so a message already handled lately is not run twice.
/// </summary>
public sealed class TeamsMessages(
    AccessCommandHandler commands, TeamsMembers members, TeamsActions actions, TeamsReplies replies, RecentActivities recent, ILogger<TeamsMessages> logger)
{
    public const string CredentialsNeedUniversalActions =
        "credentials are shown only in the card itself, which this Teams client cannot redraw; update Teams (or use Teams on the web) and press again.";

    public async Task HandleAsync(TeamsActivity activity, CancellationToken ct)
    {
        if (!recent.FirstTime(activity))
        {
            logger.LogInformation("Teams activity {ActivityId} came again; it was handled already", activity.Id);
            return;
        }

        var identity = await members.IdentifyAsync(activity, ct).ConfigureAwait(false);
        if (identity.User is not { } user)
        {
            await replies.ReplyAsync(activity, null, identity.Refusal!, problem: true, ct).ConfigureAwait(false);
            return;
        }

        try
        {
            if (TeamsPress.FromSubmit(activity.Value) is { } press)
            {
                var outcome = await actions.PressAsync(user, activity, press, ct).ConfigureAwait(false);
                if (outcome.Sensitive)
                {
                    // A message stays in the chat's history, its retention and its notifications; credentials only ever go
                    // back in an invoke response, which only Universal Actions clients send.
                    await replies.ReplyAsync(activity, user, CredentialsNeedUniversalActions, problem: true, ct).ConfigureAwait(false);
                }
                else if (outcome.Card is { } card)
                {
                    await replies.ReplyAsync(activity, user, card, ct).ConfigureAwait(false);
                }
                else
                {
                    await replies.ReplyAsync(activity, user, outcome.Message, outcome.Problem, ct).ConfigureAwait(false);
                }

                return;
            }

            var reply = await commands.HandleAsync(user, TeamsMentions.StripBot(activity), ct).ConfigureAwait(false);
            await replies.ReplyAsync(activity, user, TeamsCardViews.Personal(reply.Card), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Handling Teams message {ActivityId} failed", activity.Id);
            await replies.ReplyAsync(activity, user, "ChatOpsJit could not finish that; `access list` shows where your requests stand.", problem: true, ct).ConfigureAwait(false);
        }
    }
}
