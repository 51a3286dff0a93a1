using ChatOpsJit.Core.Commands;
using ChatOpsJit.Teams.Cards;
using ChatOpsJit.Teams.Identity;

namespace ChatOpsJit.Teams.Inbound;

/// <summary>
/// A message to the bot: a command (<c>access web-1 disk full</c>, with or without the word access, the bot's @mention
/// removed) or the <c>Action.Submit</c> fallback of a button on a client without Universal Actions. Answered in place.
/// </summary>
public sealed class TeamsMessages(AccessCommandHandler commands, TeamsMembers members, TeamsActions actions, TeamsReplies replies)
{
    public async Task HandleAsync(TeamsActivity activity, CancellationToken ct)
    {
        var identity = await members.IdentifyAsync(activity, ct).ConfigureAwait(false);
        if (identity.User is not { } user)
        {
            await replies.ReplyAsync(activity, identity.Refusal!, problem: true, ct).ConfigureAwait(false);
            return;
        }

        if (TeamsPress.FromSubmit(activity.Value) is { } press)
        {
            var outcome = await actions.PressAsync(user, activity, press, ct).ConfigureAwait(false);
            if (outcome.Card is { } card && (!outcome.Sensitive || activity.ConversationType == "personal"))
            {
                await replies.ReplyAsync(activity, card, ct).ConfigureAwait(false);
            }
            else
            {
                await replies.ReplyAsync(activity, outcome.Sensitive ? "open your chat with ChatOpsJit to get credentials." : outcome.Message, outcome.Problem || outcome.Sensitive, ct).ConfigureAwait(false);
            }

            return;
        }

        var reply = await commands.HandleAsync(user, TeamsMentions.StripBot(activity), ct).ConfigureAwait(false);
        await replies.ReplyAsync(activity, TeamsCardViews.Personal(reply.Card), ct).ConfigureAwait(false);
    }
}
