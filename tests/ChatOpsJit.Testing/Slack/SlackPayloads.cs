using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>What Slack sends an app, field for field: slash commands, interactions and Events API bodies.</summary>
/// <remarks>
/// Shapes per chat-protocols.md sections 1 and 3, for the stand-in's default team and app. Sign them with
/// <see cref="SlackRequestSigner"/>.
/// </remarks>
public static partial class SlackPayloads
{
    public const string TeamId = "T0TEST";
    public const string TeamDomain = "chatopsjit-test";
    public const string AppId = "A0TEST";
    public const string BotUserId = "U0BOT";

    /// <summary>The deprecated verification token Slack still sends in every payload; an app must not authenticate with it.</summary>
    public const string LegacyToken = "legacy-verification-token";

    private static long _sequence;

    /// <summary>The form fields of a slash command, in the order Slack sends them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SlashCommand(
        string userId, string text, string responseUrl, string triggerId, string channelId = "C0CMD", string command = "/access") =>
    [
        new("token", LegacyToken),
        new("team_id", TeamId),
        new("team_domain", TeamDomain),
        new("channel_id", channelId),
        new("channel_name", ChannelName(channelId)),
        new("user_id", userId),
        new("user_name", UserName(userId)),
        new("command", command),
        new("text", text),
        new("api_app_id", AppId),
        new("is_enterprise_install", "false"),
        new("response_url", responseUrl),
        new("trigger_id", triggerId),
    ];

    /// <summary>Form fields as the JSON object Socket Mode carries in a slash_commands envelope (the same fields, all strings).</summary>
    public static JsonObject AsJson(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var json = new JsonObject();
        foreach (var (name, value) in fields)
        {
            json[name] = value;
        }

        return json;
    }

    /// <summary>The challenge Slack posts (JSON) when an Events API request URL is saved; the app answers with the challenge.</summary>
    public static JsonObject UrlVerification(string challenge) => new()
    {
        ["token"] = LegacyToken,
        ["challenge"] = challenge,
        ["type"] = "url_verification",
    };

    /// <summary>An event_callback telling the app a user opened its Home tab.</summary>
    public static JsonObject AppHomeOpened(string userId, string eventId, string channelId = "D0HOME", JsonObject? view = null)
    {
        var eventTs = NextTs();
        var home = new JsonObject { ["type"] = "app_home_opened", ["user"] = userId, ["channel"] = channelId, ["tab"] = "home", ["event_ts"] = eventTs };
        if (view is not null)
        {
            home["view"] = view.DeepClone();
        }

        return EventCallback(home, eventId);
    }

    /// <summary>Wraps an event the way the Events API delivers every event (over HTTP or in a Socket Mode events_api envelope).</summary>
    public static JsonObject EventCallback(JsonObject @event, string eventId) => new()
    {
        ["token"] = LegacyToken,
        ["team_id"] = TeamId,
        ["api_app_id"] = AppId,
        ["event"] = @event.DeepClone(),
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1_700_000_000 + Interlocked.Read(ref _sequence),
        ["authorizations"] = new JsonArray(new JsonObject
        {
            ["enterprise_id"] = null,
            ["team_id"] = TeamId,
            ["user_id"] = BotUserId,
            ["is_bot"] = true,
            ["is_enterprise_install"] = false,
        }),
        ["is_ext_shared_channel"] = false,
        ["event_context"] = $"4-{@event["type"]?.GetValue<string>()}-{TeamId}",
    };

    /// <summary>Slack puts "directmessage" or "privategroup" for conversations that have no channel name.</summary>
    private static string ChannelName(string channelId) => channelId[0] switch
    {
        'D' => "directmessage",
        'G' => "privategroup",
        _ => "access-requests",
    };

    private static string UserName(string userId) => "user-" + userId.ToLowerInvariant();

    /// <summary>A unique action_ts / event_ts.</summary>
    private static string NextTs()
    {
        var n = Interlocked.Increment(ref _sequence);
        return $"{SlackArgs.Invariant(1_700_000_000 + n)}.{n % 1_000_000:D6}";
    }
}
