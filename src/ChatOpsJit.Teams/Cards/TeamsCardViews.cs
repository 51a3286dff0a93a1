using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Teams.Connector;
using ChatOpsJit.Teams.Conversations;
using ChatOpsJit.Teams.Identity;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Teams.Cards;

/// <summary>
/// Who sees which buttons. A personal chat has one reader, who sees every button. A channel card is drawn for everyone
/// without the approvers' buttons, mentions the approvers it names and lists them in <c>refresh.userIds</c>, so Teams
/// asks the bot for each approver's own view, which has them. Who may press a button is still decided at the press.
/// </summary>
public sealed class TeamsCardViews(TeamsMembers members, ILogger<TeamsCardViews> logger)
{
    /// <summary>A card in a channel, as <paramref name="viewerEmail"/> sees it (null: as everyone does).</summary>
    public async Task<JsonObject> ChannelAsync(ChatCard card, ConversationReference channel, string? viewerEmail, CancellationToken ct)
    {
        var mentioned = new List<TeamsMention>();
        foreach (var mention in card.Mentions.Where(m => m.Kind == CardMentionKind.Person))
        {
            TeamsMember? member;
            try
            {
                member = (await members.FindByEmailAsync(mention.Name, channel, ct).ConfigureAwait(false))?.Member;
            }
            // A lookup that fails costs that mention, not the card: an approver not named still has "Refresh card" and their DM.
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning("Could not look up {Email} in Teams to mention them: {Error}", mention.Name, e.Message);
                continue;
            }

            if (member is not null && mentioned.All(m => m.Id != member.Id))
            {
                mentioned.Add(new TeamsMention(member.Id, member.Name ?? mention.Name));
            }
        }

        var approver = viewerEmail is not null && card.Mentions.Any(m => m.Kind == CardMentionKind.Person && string.Equals(m.Name, viewerEmail, StringComparison.OrdinalIgnoreCase));
        var refresh = mentioned.Select(m => m.Id).ToList();
        return AdaptiveCardRenderer.Render(card, approver ? CardRendering.ForApprover(mentioned, refresh) : CardRendering.ForEveryone(mentioned, refresh));
    }

    /// <summary>A card in a personal chat: its one reader sees every button.</summary>
    public static JsonObject Personal(ChatCard card) => AdaptiveCardRenderer.Render(card, CardRendering.Full);
}
