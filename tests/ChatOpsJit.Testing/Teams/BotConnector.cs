using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.Testing.Teams;

/// <summary>The Bot Connector's v3 conversation API for an authorized caller: routes, size limit, and the checks Teams makes.</summary>
internal sealed partial class BotConnector(
    string tenantId,
    string botId,
    TeamsDirectory directory,
    ConversationStore store,
    Func<TeamsBlockedAnswer> blockedAnswer)
{
    /// <summary>
    /// Teams' bot message limit, 100 KB. Teams counts UTF-16, so a body is measured as its length in UTF-16 code units
    /// times two bytes, not as the UTF-8 bytes on the wire; and it is measured written compactly with no more escaping
    /// than JSON needs, so how a host's serializer indents or escapes (\u00e9 for é) does not change the count.
    /// </summary>
    public const int MessageSizeLimitBytes = 100 * 1024;

    /// <summary>The answer and, for a new message, the id it was given.</summary>
    public (HttpAnswer Answer, string? ActivityId) Answer(ConnectorRequest request)
    {
        if (request.Method is "POST" or "PUT")
        {
            if (BodyProblem(request) is { } problem)
            {
                return (problem, null);
            }
        }

        return (request.Method, request.Route) switch
        {
            ("POST", ["conversations"]) => CreateConversation((JsonObject)request.Json!),
            ("POST", ["conversations", var id, "activities"]) => Send(id, null, (JsonObject)request.Json!),
            ("POST", ["conversations", var id, "activities", var replyTo]) => Send(id, replyTo, (JsonObject)request.Json!),
            ("PUT", ["conversations", var id, "activities", var activityId]) => (Update(id, activityId, (JsonObject)request.Json!), activityId),
            ("DELETE", ["conversations", var id, "activities", var activityId]) => (Delete(id, activityId), activityId),
            ("GET", ["conversations", var id, "members"]) => (Members(id), null),
            ("GET", ["conversations", var id, "pagedmembers"]) => (PagedMembers(id), null),
            ("GET", ["conversations", var id, "members", var userId]) => (Member(id, userId), null),
            _ => (ConnectorErrors.Error(404, "NotFound", $"No Connector API at {request.Method} {request.Path}."), null),
        };
    }

    public static int Utf16Bytes(JsonNode body) => StandInJson.Write(body).Length * 2;

    private static HttpAnswer? BodyProblem(ConnectorRequest request)
    {
        if (!request.HasBody)
        {
            return ConnectorErrors.BadSyntax("The request body is required.");
        }

        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return ConnectorErrors.Error(415, "BadSyntax", $"Unsupported content type '{request.ContentType}'; the Connector takes application/json.");
        }

        if (request.Json is not JsonObject body)
        {
            return ConnectorErrors.BadSyntax("The request body is not a JSON object.");
        }

        return Utf16Bytes(body) > MessageSizeLimitBytes ? ConnectorErrors.TooBig() : null;
    }

    private (HttpAnswer, string?) Send(string conversationId, string? replyToId, JsonObject activity)
    {
        if (Resolve(conversationId) is not { IsTeam: false } conversation)
        {
            return (ConnectorErrors.ConversationNotFound(), null);
        }

        var type = TeamsJson.Text(activity, "type");
        if (type == "typing")
        {
            return (HttpAnswer.Ok(new JsonObject()), null);
        }

        if (MessageProblem(activity) is { } problem)
        {
            return (problem, null);
        }

        if (conversation.Owner is { } owner && !directory.BotInstalled(owner))
        {
            return (ConnectorErrors.Blocked(blockedAnswer()), null);
        }

        var threadRoot = conversation.ThreadRootId;
        if (conversation.Channel is not null && threadRoot is null && replyToId is not null)
        {
            threadRoot = store.ThreadOf(conversation.Base, replyToId);
        }

        var posted = store.Post(conversation.Base, conversation.Channel is not null, threadRoot, replyToId ?? TeamsJson.Text(activity, "replyToId"), activity);
        return (HttpAnswer.Ok(new JsonObject { ["id"] = posted.Id }, 201), posted.Id);
    }

    private HttpAnswer Update(string conversationId, string activityId, JsonObject activity)
    {
        if (Resolve(conversationId) is not { IsTeam: false } conversation)
        {
            return ConnectorErrors.ConversationNotFound();
        }

        if (MessageProblem(activity) is { } problem)
        {
            return problem;
        }

        if (conversation.Owner is { } owner && !directory.BotInstalled(owner))
        {
            return ConnectorErrors.Blocked(blockedAnswer());
        }

        return store.Update(conversation.Base, activityId, activity) is null
            ? ConnectorErrors.ActivityNotFound()
            : HttpAnswer.Ok(new JsonObject { ["id"] = activityId });
    }

    private HttpAnswer Delete(string conversationId, string activityId)
    {
        if (Resolve(conversationId) is not { IsTeam: false } conversation)
        {
            return ConnectorErrors.ConversationNotFound();
        }

        return store.Delete(conversation.Base, activityId) is null ? ConnectorErrors.ActivityNotFound() : HttpAnswer.Ok(null);
    }

    /// <summary>A message the bot sends or puts in place of one: of type message, with something to show.</summary>
    private static HttpAnswer? MessageProblem(JsonObject activity)
    {
        var type = TeamsJson.Text(activity, "type");
        if (type is null)
        {
            return ConnectorErrors.BadArgument("The activity has no type.");
        }

        if (type != "message")
        {
            return ConnectorErrors.BadArgument($"Unsupported activity type '{type}'.");
        }

        var hasText = !string.IsNullOrEmpty(TeamsJson.Text(activity, "text"));
        var hasAttachments = activity["attachments"] is JsonArray { Count: > 0 };
        return hasText || hasAttachments ? null : ConnectorErrors.BadArgument("The message has neither text nor attachments.");
    }

    /// <summary>
    /// What a conversation id names: a user's 1:1 chat, a channel or one of its threads (the root must be a known message),
    /// or a team (for its member list only: the stand-in's team ids are not also a channel's, unlike a real General channel).
    /// </summary>
    private Conversation? Resolve(string conversationId)
    {
        var address = ConversationAddress.Parse(conversationId);
        if (address.ThreadRootId is null && directory.OwnerOfPersonal(address.Base) is { } owner)
        {
            return new Conversation(address.Base, owner, null, false, null);
        }

        if (directory.Channel(address.Base) is { } channel)
        {
            if (address.ThreadRootId is { } root && store.ThreadOf(channel.ConversationId, root) != root)
            {
                return null;
            }

            return new Conversation(address.Base, null, channel, false, address.ThreadRootId);
        }

        return address.ThreadRootId is null && directory.Team(address.Base) is { } team
            ? new Conversation(address.Base, null, team, true, null)
            : null;
    }

    private sealed record Conversation(string Base, TeamsUser? Owner, TeamsChannel? Channel, bool IsTeam, string? ThreadRootId);
}
