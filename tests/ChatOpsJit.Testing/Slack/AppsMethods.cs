using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>auth.test (who the token is) and apps.connections.open (a Socket Mode URL, for the app-level token only).</summary>
internal sealed class AppsMethods(SlackStandInOptions options, SocketModeHub sockets, Func<string> socketBaseUrl)
{
    public void AddTo(WebApiMethods methods)
    {
        methods.Add("auth.test", null, AuthTest);
        methods.Add("apps.connections.open", SlackCredential.AppToken, ConnectionsOpen);
    }

    private WebApiAnswer AuthTest(JsonObject args) => WebApiAnswer.Ok(new JsonObject
    {
        ["url"] = $"https://{options.TeamId.ToLowerInvariant()}.slack.com/",
        ["team"] = "ChatOpsJit Test",
        ["user"] = "jit-access",
        ["team_id"] = options.TeamId,
        ["user_id"] = options.BotUserId,
        ["bot_id"] = options.BotId,
        ["is_enterprise_install"] = false,
    });

    /// <summary>Each call gives a new single-use URL, as Slack's do; an app reconnecting must call again.</summary>
    private WebApiAnswer ConnectionsOpen(JsonObject args) =>
        WebApiAnswer.Ok(new JsonObject { ["url"] = $"{socketBaseUrl()}?ticket={sockets.IssueTicket()}" });
}
