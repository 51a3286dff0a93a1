using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>The test as the Bot Connector: delivering an activity to the host's messaging endpoint, signed as Teams signs it.</summary>
public sealed partial class BotFrameworkStandIn
{
    /// <summary>
    /// POSTs <paramref name="activity"/> to the host. <paramref name="token"/> "" (the default) mints a valid token whose
    /// serviceurl is the activity's serviceUrl; null sends no Authorization header; anything else is sent as the bearer.
    /// Gives up after 15 s, about when Teams stops waiting for a bot.
    /// </summary>
    public async Task<InboundReply> SendAsync(Uri hostMessagesUrl, JsonObject activity, string? token = "")
    {
        if (token == "")
        {
            token = MintToken(new InboundToken { ServiceUrl = TeamsJson.Text(activity, "serviceUrl") });
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, hostMessagesUrl)
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        // The headers Teams adds for routing (chat-protocols §9), and its user agent.
        request.Headers.UserAgent.ParseAdd("Microsoft-SkypeBotApi (Microsoft-BotFramework/3.0)");
        if (TeamsJson.Text(activity, "conversation", "id") is { } conversationId)
        {
            request.Headers.Add("x-ms-conversation-id", conversationId);
        }

        request.Headers.Add("x-ms-tenant-id", TeamsJson.Text(activity, "conversation", "tenantId") ?? TeamsJson.Text(activity["channelData"], "tenant", "id") ?? "");

        using var response = await _http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (raw.Length > 0)
        {
            try
            {
                body = JsonNode.Parse(raw);
            }
            catch (JsonException)
            {
                // Not JSON: the raw text is what the test reads.
            }
        }

        return new InboundReply((int)response.StatusCode, body, raw);
    }
}
