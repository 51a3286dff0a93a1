using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>POST v3/conversations: a user's 1:1 chat (found, never new: it exists once the bot is installed) or a new channel thread.</summary>
internal sealed partial class BotConnector
{
    private (HttpAnswer, string?) CreateConversation(JsonObject parameters)
    {
        var isGroup = parameters["isGroup"]?.GetValueKind() == JsonValueKind.True;
        if (TenantProblem(parameters, required: !isGroup) is { } tenantProblem)
        {
            return (tenantProblem, null);
        }

        var bot = TeamsJson.Text(parameters, "bot", "id");
        if (bot is not null && bot != botId)
        {
            return (ConnectorErrors.BadArgument($"The bot id '{bot}' is not this bot's ({botId})."), null);
        }

        return isGroup ? NewThread(parameters) : (Personal(parameters, bot), null);
    }

    private HttpAnswer Personal(JsonObject parameters, string? bot)
    {
        if (bot is null)
        {
            return ConnectorErrors.BadArgument("The conversation parameters name no bot.");
        }

        if (parameters["members"] is not JsonArray { Count: > 0 } members)
        {
            return ConnectorErrors.BadArgument("A 1:1 conversation needs its member.");
        }

        if (members.Count > 1)
        {
            return ConnectorErrors.BadArgument("Bots cannot create group chats.");
        }

        // Teams looks the member up by id only, the 29: id or (reported) the Entra object id; an email is not an id here,
        // and an object id sent as "aadObjectId" without "id" is refused.
        var memberId = TeamsJson.Text(members[0], "id");
        var user = memberId is null ? null : directory.Find(memberId);
        if (user is null || string.Equals(memberId, user.UserPrincipalName, StringComparison.OrdinalIgnoreCase))
        {
            return ConnectorErrors.BadArgument("Invalid user identity in provided tenant.");
        }

        if (!directory.BotInstalled(user))
        {
            return ConnectorErrors.Blocked(blockedAnswer());
        }

        return HttpAnswer.Ok(new JsonObject { ["id"] = directory.PersonalConversationId(user) });
    }

    private (HttpAnswer, string?) NewThread(JsonObject parameters)
    {
        var channelId = TeamsJson.Text(parameters["channelData"], "channel", "id");
        if (channelId is null)
        {
            return (ConnectorErrors.BadArgument("A channel conversation needs channelData.channel.id."), null);
        }

        if (directory.Channel(channelId) is not { } channel)
        {
            return (ConnectorErrors.ConversationNotFound(), null);
        }

        if (parameters["activity"] is not JsonObject activity)
        {
            return (ConnectorErrors.BadArgument("A new channel thread needs its first activity."), null);
        }

        if (MessageProblem(activity) is { } problem)
        {
            return (problem, null);
        }

        var root = store.Post(channel.ConversationId, isChannel: true, threadRootId: null, replyToId: null, activity);
        return (HttpAnswer.Ok(new JsonObject { ["id"] = root.ConversationId, ["activityId"] = root.Id }, 201), root.Id);
    }

    /// <summary>The tenant, from tenantId or channelData.tenant.id; each given must be the bot's, and a 1:1 chat needs one.</summary>
    private HttpAnswer? TenantProblem(JsonObject parameters, bool required)
    {
        var given = new[] { TeamsJson.Text(parameters, "tenantId"), TeamsJson.Text(parameters["channelData"], "tenant", "id") }
            .Where(t => t is not null)
            .ToList();
        if ((required && given.Count == 0) || given.Any(t => !string.Equals(t, tenantId, StringComparison.OrdinalIgnoreCase)))
        {
            return ConnectorErrors.BadArgument("Malformed tenant id");
        }

        return null;
    }
}
