using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Teams;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Teams.Tests.StandIn;

/// <summary>A fresh stand-in per test on a fake clock (starting now, as IdentityModel checks tokens on the wall clock), and plain HTTP to it.</summary>
public abstract class StandInTest
{
    protected const string AppId = "5f1c3a6e-2d4b-4c8e-9a7f-0b1d2e3f4a5b";
    protected const string TenantId = "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4";

    protected FakeTimeProvider Time { get; private set; } = null!;

    protected BotFrameworkStandIn Teams { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    /// <summary>Random per test, so no secret is written in the repository.</summary>
    protected string AppPassword { get; private set; } = "";

    [SetUp]
    public async Task StartStandIn()
    {
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        AppPassword = Guid.NewGuid().ToString("N");
        Teams = await BotFrameworkStandIn.StartAsync(AppId, AppPassword, TenantId, Time);
        Http = new HttpClient();
    }

    [TearDown]
    public async Task StopStandIn()
    {
        Http.Dispose();
        await Teams.DisposeAsync();
    }

    /// <summary>The token endpoint's answer to a client-credentials form (the right one unless changed).</summary>
    protected async Task<Reply> RequestTokenAsync(string? secret = null, string scope = "https://api.botframework.com/.default", string? tokenEndpoint = null)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = AppId,
            ["client_secret"] = secret ?? AppPassword,
            ["scope"] = scope,
        });
        using var response = await Http.PostAsync(tokenEndpoint ?? Teams.TokenEndpoint, form);
        return await Reply.ReadAsync(response);
    }

    protected async Task<string> AccessTokenAsync()
    {
        var reply = await RequestTokenAsync();
        return reply.Text("access_token") ?? throw new InvalidOperationException($"no token: {reply}");
    }

    /// <summary>A Connector call: <paramref name="path"/> is under "{ServiceUrl}v3/"; the token is fetched unless given ("" sends none).</summary>
    protected async Task<Reply> ConnectorAsync(HttpMethod method, string path, JsonNode? body = null, string? token = null)
    {
        token ??= await AccessTokenAsync();
        using var request = new HttpRequestMessage(method, new Uri(Teams.ServiceUrl, "v3/" + path));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        return await Reply.ReadAsync(response);
    }

    protected Task<Reply> PostAsync(string path, JsonNode body, string? token = null) => ConnectorAsync(HttpMethod.Post, path, body, token);

    protected static string Encode(string conversationId) => Uri.EscapeDataString(conversationId);

    /// <summary>What a bot sends to open its 1:1 chat with a user (chat-protocols §11).</summary>
    protected JsonObject PersonalParameters(TeamsUser user, string? tenantId = TenantId) => new()
    {
        ["bot"] = new JsonObject { ["id"] = Teams.BotId },
        ["members"] = new JsonArray(new JsonObject { ["id"] = user.Id }),
        ["isGroup"] = false,
        ["tenantId"] = tenantId,
        ["channelData"] = tenantId is null ? new JsonObject() : new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
    };

    protected static JsonObject Message(string text, JsonObject? card = null)
    {
        var activity = new JsonObject { ["type"] = "message", ["text"] = text };
        if (card is not null)
        {
            activity["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = card });
        }

        return activity;
    }

    protected static JsonObject Card(string text) => new()
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
    };
}
