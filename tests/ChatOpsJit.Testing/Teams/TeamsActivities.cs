using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>Activities as Teams delivers them to a bot, field for field (chat-protocols §9); send them with <see cref="BotFrameworkStandIn.SendAsync"/>.</summary>
/// <remarks>
/// Each carries the stand-in's <see cref="BotFrameworkStandIn.ServiceUrl"/>, tenant and bot, and a fresh id and
/// timestamp from its clock. The last argument, when given, edits the finished activity (another tenant, another
/// serviceUrl, a field left out: see <see cref="Tenant"/> and <see cref="ServiceUrl"/>).
/// </remarks>
public static partial class TeamsActivities
{
    /// <summary>A user's message to the bot in their 1:1 chat.</summary>
    public static JsonObject PersonalMessage(BotFrameworkStandIn standIn, TeamsUser user, string text, Action<JsonObject>? edit = null)
    {
        var activity = Common(standIn, "message", user, standIn.PersonalConversationId(user));
        activity["textFormat"] = "plain";
        activity["text"] = text;
        activity["attachments"] = new JsonArray(Html($"<p>{WebUtility.HtmlEncode(text)}</p>"));
        activity["entities"] = new JsonArray(ClientInfo());
        return Finish(activity, edit);
    }

    /// <summary>
    /// A user's post in a channel: a new thread, or a reply in <paramref name="threadRootId"/>'s. Teams only delivers channel
    /// messages that @mention the bot; <paramref name="mentionBot"/> false makes one anyway, for a host's own check.
    /// </summary>
    public static JsonObject ChannelMessage(
        BotFrameworkStandIn standIn,
        TeamsUser user,
        TeamsChannel channel,
        string text,
        bool mentionBot = true,
        string? threadRootId = null,
        Action<JsonObject>? edit = null)
    {
        var id = standIn.NewActivityId();
        var activity = Common(standIn, "message", user, ConversationAddress.Thread(channel.ConversationId, threadRootId ?? id), id);
        if (threadRootId is null)
        {
            standIn.NoteUserMessage(channel.ConversationId, id);
        }
        else
        {
            activity["replyToId"] = threadRootId;
        }

        var mention = $"<at>{standIn.BotName}</at>";
        activity["textFormat"] = "plain";
        activity["text"] = mentionBot ? $"{mention} {text}" : text;
        var html = WebUtility.HtmlEncode(text);
        activity["attachments"] = new JsonArray(Html(mentionBot
            ? $"<p><span itemscope=\"\" itemtype=\"http://schema.skype.com/Mention\" itemid=\"0\">{WebUtility.HtmlEncode(standIn.BotName)}</span>&nbsp;{html}</p>"
            : $"<p>{html}</p>"));
        var entities = new JsonArray();
        if (mentionBot)
        {
            entities.Add(new JsonObject
            {
                ["type"] = "mention",
                ["mentioned"] = new JsonObject { ["id"] = standIn.BotId, ["name"] = standIn.BotName },
                ["text"] = mention,
            });
        }

        entities.Add(ClientInfo());
        activity["entities"] = entities;
        return Finish(activity, edit);
    }

    /// <summary>The fields every activity has, for a conversation of the stand-in's: its id, tenant, channel data, the bot and the user.</summary>
    private static JsonObject Common(BotFrameworkStandIn standIn, string type, TeamsUser user, string conversationId, string? id = null)
    {
        var now = standIn.Now;
        var channel = standIn.ChannelOf(conversationId);
        var conversation = channel is null
            ? new JsonObject { ["conversationType"] = "personal", ["tenantId"] = standIn.TenantId, ["id"] = conversationId }
            : new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = standIn.TenantId, ["id"] = conversationId };
        return new JsonObject
        {
            ["type"] = type,
            ["id"] = id ?? standIn.NewActivityId(),
            ["timestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["localTimestamp"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            ["serviceUrl"] = standIn.ServiceUrl.ToString(),
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = user.Id, ["name"] = user.Name, ["aadObjectId"] = user.AadObjectId },
            ["conversation"] = conversation,
            ["recipient"] = new JsonObject { ["id"] = standIn.BotId, ["name"] = standIn.BotName },
            ["channelData"] = ChannelData(standIn, channel),
            ["locale"] = "en-US",
        };
    }

    /// <summary>channelData: the tenant always; in a channel also the team and channel (and their deprecated twins Teams still sends).</summary>
    private static JsonObject ChannelData(BotFrameworkStandIn standIn, TeamsChannel? channel)
    {
        var data = new JsonObject();
        if (channel is not null)
        {
            data["teamsChannelId"] = channel.ConversationId;
            data["teamsTeamId"] = channel.TeamId;
            data["channel"] = new JsonObject { ["id"] = channel.ConversationId };
            data["team"] = new JsonObject { ["id"] = channel.TeamId };
        }

        data["tenant"] = new JsonObject { ["id"] = standIn.TenantId };
        return data;
    }

    private static JsonObject Html(string content) => new() { ["contentType"] = "text/html", ["content"] = content };

    private static JsonObject ClientInfo() => new()
    {
        ["type"] = "clientInfo",
        ["locale"] = "en-US",
        ["country"] = "US",
        ["platform"] = "Web",
        ["timezone"] = "Europe/London",
    };

    private static JsonObject Finish(JsonObject activity, Action<JsonObject>? edit)
    {
        edit?.Invoke(activity);
        return activity;
    }
}
