using System.Text.Json.Nodes;
using ChatOpsJit.Teams.Conversations;
using ChatOpsJit.Teams.Identity;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Teams.Inbound;

/// <summary>
/// The bot added to (or removed from) a team, a group chat or a person's chat. The conversation reference was already
/// stored by the gate; this logs where the bot now is, with the ids a policy's <c>channels.teams</c> needs, and for a
/// personal install remembers the person, so DMs reach them after a restart.
/// </summary>
public sealed class TeamsInstalls(TeamsConversations conversations, TeamsMembers members, ILogger<TeamsInstalls> logger)
{
    public async Task HandleAsync(TeamsActivity activity, CancellationToken ct)
    {
        var added = activity.Type == "installationUpdate"
            ? TeamsActivity.Field(activity.Raw, "action")?.StartsWith("add", StringComparison.Ordinal) == true
            : (activity.Raw["membersAdded"] as JsonArray ?? []).Any(m => string.Equals(TeamsActivity.Field(m, "id"), activity.Recipient.Id, StringComparison.OrdinalIgnoreCase));
        var removed = activity.Type == "installationUpdate"
            ? TeamsActivity.Field(activity.Raw, "action")?.StartsWith("remove", StringComparison.Ordinal) == true
            : (activity.Raw["membersRemoved"] as JsonArray ?? []).Any(m => string.Equals(TeamsActivity.Field(m, "id"), activity.Recipient.Id, StringComparison.OrdinalIgnoreCase));
        if (!added && !removed)
        {
            return;
        }

        var channel = activity.ChannelDataText("channel", "id");
        var team = activity.ChannelDataText("team", "name") ?? activity.ChannelDataText("team", "id");
        logger.LogInformation("ChatOpsJit was {Change} Teams {ConversationType} {ConversationId} (team {Team}, channel {Channel}, tenant {Tenant})",
            added ? "added to" : "removed from", activity.ConversationType, TeamsConversations.ChannelOf(activity.ConversationId), team, channel, activity.TenantId);
        if (!added || activity.TenantId is not { } tenant)
        {
            return;
        }

        if (channel is not null && channel != TeamsConversations.ChannelOf(activity.ConversationId))
        {
            await conversations.RememberConversationAsync(new ConversationReference(activity.ServiceUrl, channel, tenant, "channel"), ct).ConfigureAwait(false);
        }

        if (activity.ConversationType == "personal")
        {
            // Who installed it, so a DM finds this chat; a failed lookup only means the first DM looks them up instead.
            await members.IdentifyAsync(activity, ct).ConfigureAwait(false);
        }
    }
}
