using System.Text.Json.Nodes;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Text;
using ChatOpsJit.Teams.Cards;
using ChatOpsJit.Teams.Conversations;

namespace ChatOpsJit.Teams.Inbound;

/// <summary>
/// Runs a button press through the core and draws what the presser should see next: the card as it now stands (in their
/// own view), the core's prompt, their private credentials, or a refusal. The card is redrawn for everyone by the outbox.
/// </summary>
public sealed class TeamsActions(AccessCommandHandler commands, TeamsCardViews views, TeamsConversations conversations)
{
    public async Task<TeamsPressOutcome> PressAsync(ChatUser user, TeamsActivity activity, TeamsPress press, CancellationToken ct)
    {
        if (press.IsRefresh)
        {
            return await CurrentAsync(user, activity, press.RequestId, ct).ConfigureAwait(false);
        }

        var result = await commands.HandleActionAsync(user, press.Verb, press.RequestId, press.Input, ct).ConfigureAwait(false);
        if (result.Prompt is { } prompt && CardVerbs.TryParse(press.Verb, out var verb))
        {
            return new TeamsPressOutcome(AdaptiveCardRenderer.Prompt(prompt, verb, press.RequestId), result.Message);
        }

        if (result.PrivateCard is { } secret)
        {
            // The presser's own view only: it goes back in the invoke response and never into a message or the outbox.
            return new TeamsPressOutcome(TeamsCardViews.Personal(secret), result.Message, Sensitive: true);
        }

        if (!result.Ok || result.Card is not { } card)
        {
            return new TeamsPressOutcome(null, result.Message, Problem: !result.Ok);
        }

        return new TeamsPressOutcome(await ViewAsync(card, user, activity, ct).ConfigureAwait(false), result.Message);
    }

    // Teams' refresh, and the prompt's Cancel: the card as it stands, in the presser's own view.
    private async Task<TeamsPressOutcome> CurrentAsync(ChatUser user, TeamsActivity activity, string requestId, CancellationToken ct)
    {
        var personal = activity.ConversationType == "personal";
        var card = personal
            ? await commands.CurrentCardAsync(user, requestId, CardAudience.Requester, ct).ConfigureAwait(false)
              ?? await commands.CurrentCardAsync(user, requestId, CardAudience.Approvers, ct).ConfigureAwait(false)
            : await commands.CurrentCardAsync(user, requestId, CardAudience.Approvers, ct).ConfigureAwait(false);
        return card is null
            ? new TeamsPressOutcome(null, $"there is no request {Quoted.Shorten(requestId)} that you asked for or approve.", Problem: true)
            : new TeamsPressOutcome(await ViewAsync(card, user, activity, ct).ConfigureAwait(false), card.Title);
    }

    private async Task<JsonObject> ViewAsync(ChatCard card, ChatUser user, TeamsActivity activity, CancellationToken ct)
    {
        if (activity.ConversationType == "personal")
        {
            return TeamsCardViews.Personal(card);
        }

        var channel = await conversations.FindConversationAsync(activity.ConversationId, ct).ConfigureAwait(false)
                      ?? new ConversationReference(activity.ServiceUrl, TeamsConversations.ChannelOf(activity.ConversationId), activity.TenantId ?? "", activity.ConversationType);
        return await views.ChannelAsync(card, channel, user.Email, ct).ConfigureAwait(false);
    }
}

/// <summary>What a press leads to: the card the presser sees next (null: only a message), and whether it is private.</summary>
public sealed record TeamsPressOutcome(JsonObject? Card, string Message, bool Sensitive = false, bool Problem = false)
{
    // Records print every member; a credentials card that reached a log line by accident must not carry its secrets there.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Card = ").Append(Card is null ? "none" : Sensitive ? "redacted" : "drawn")
            .Append(", Message = ").Append(Message).Append(", Sensitive = ").Append(Sensitive).Append(", Problem = ").Append(Problem);
        return true;
    }
}
