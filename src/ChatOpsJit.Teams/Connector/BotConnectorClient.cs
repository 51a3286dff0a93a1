using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Teams.Conversations;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Teams.Connector;

/// <summary>
/// The Bot Connector REST API (<c>{serviceUrl}/v3/conversations…</c>) with the bot's token. It sends only to service URLs
/// learned from authenticated activities; retries, backoff and the circuit breaker live in the HTTP client's pipeline,
/// and a long <c>Retry-After</c> goes back to the outbox as <see cref="RetryAfterException"/>.
/// </summary>
public sealed class BotConnectorClient(
    IHttpClientFactory http, ConnectorTokenSource tokens, TrustedServiceUrls trusted, TimeProvider time, ILogger<BotConnectorClient> logger)
{
    public const string HttpClientName = "TeamsConnector";

    /// <summary>Posts an activity into a conversation and returns its activity id.</summary>
    public async Task<string> SendAsync(Uri serviceUrl, string conversationId, JsonObject activity, CancellationToken ct)
    {
        var answer = await CallAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity, ct).ConfigureAwait(false);
        return Inbound.TeamsActivity.Field(answer, "id") ?? throw Malformed("a posted activity's id");
    }

    /// <summary>Replaces a posted activity for everyone in the conversation.</summary>
    public Task UpdateAsync(Uri serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken ct) =>
        CallAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, ct);

    /// <summary>Starts a new thread in a channel with <paramref name="activity"/>: the thread's conversation id and the activity id.</summary>
    public async Task<(string ConversationId, string ActivityId)> StartThreadAsync(Uri serviceUrl, string channelId, string tenantId, JsonObject activity, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["isGroup"] = true,
            ["tenantId"] = tenantId,
            ["channelData"] = new JsonObject { ["channel"] = new JsonObject { ["id"] = channelId }, ["tenant"] = new JsonObject { ["id"] = tenantId } },
            ["activity"] = activity,
        };
        var answer = await CallAsync(HttpMethod.Post, serviceUrl, "v3/conversations", body, ct).ConfigureAwait(false);
        var conversation = Inbound.TeamsActivity.Field(answer, "id") ?? throw Malformed("a new thread's id");
        var activityId = Inbound.TeamsActivity.Field(answer, "activityId") ?? TeamsConversations.ThreadRootOf(conversation) ?? throw Malformed("a new thread's activityId");
        return (conversation, activityId);
    }

    /// <summary>The bot's 1:1 conversation with a user (<c>29:…</c> id), created when there is none yet.</summary>
    public async Task<string> OpenPersonalAsync(Uri serviceUrl, string botId, string userId, string tenantId, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["bot"] = new JsonObject { ["id"] = botId },
            ["members"] = new JsonArray(new JsonObject { ["id"] = userId }),
            ["isGroup"] = false,
            ["tenantId"] = tenantId,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
        };
        var answer = await CallAsync(HttpMethod.Post, serviceUrl, "v3/conversations", body, ct).ConfigureAwait(false);
        return Inbound.TeamsActivity.Field(answer, "id") ?? throw Malformed("a personal conversation's id");
    }

    /// <summary>A member of a conversation by <c>29:</c> id, Entra object id or UPN, or null when Teams has no such member there.</summary>
    public async Task<TeamsMember?> GetMemberAsync(Uri serviceUrl, string conversationId, string userId, CancellationToken ct)
    {
        try
        {
            var answer = await CallAsync(HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members/{Escape(userId)}", null, ct).ConfigureAwait(false);
            return answer is JsonObject member && Inbound.TeamsActivity.Field(member, "id") is { } id
                ? new TeamsMember(id, Inbound.TeamsActivity.Field(member, "objectId"), Inbound.TeamsActivity.Field(member, "name"), Inbound.TeamsActivity.Field(member, "email") ?? Inbound.TeamsActivity.Field(member, "userPrincipalName"), Inbound.TeamsActivity.Field(member, "tenantId"))
                : null;
        }
        catch (BotConnectorException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<JsonNode?> CallAsync(HttpMethod method, Uri serviceUrl, string path, JsonObject? body, CancellationToken ct)
    {
        if (!await trusted.IsTrustedAsync(serviceUrl, ct).ConfigureAwait(false))
        {
            // Never hand the bot's token to an address no authenticated activity came from.
            throw new InvalidOperationException($"the Teams service URL {serviceUrl.Host} was never seen on an authenticated activity; the bot does not send its token there");
        }

        var url = new Uri(new Uri(TrustedServiceUrls.Normalize(serviceUrl)), path);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(ct).ConfigureAwait(false));
            if (body is not null)
            {
                // The pipeline may resend the request, so the content is built for each attempt from the same node.
                request.Content = JsonContent.Create(body);
            }

            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                // A token revoked or rotated early: one fresh token, once.
                tokens.Forget();
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                return text.Length == 0 ? null : JsonNode.Parse(text);
            }

            throw await FailureAsync(method, path, response, ct).ConfigureAwait(false);
        }
    }

    private async Task<Exception> FailureAsync(HttpMethod method, string path, HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var correlation = response.Headers.TryGetValues("X-Correlating-OperationId", out var ids) ? ids.FirstOrDefault() : null;
        JsonNode? error = null;
        try
        {
            error = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false))?["error"];
        }
        catch (System.Text.Json.JsonException)
        {
            // A proxy's HTML error page: the status says enough.
        }

        var code = Inbound.TeamsActivity.Field(error, "code") ?? response.ReasonPhrase ?? "error";
        var message = Inbound.TeamsActivity.Field(error, "message") ?? "";
        logger.LogWarning("Teams {Method} {Path} answered {Status} {Code} (operation {OperationId})", method, Operation(path), status, code, correlation);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // A wait too long to sit out inside the call (the pipeline waits out short ones): the outbox waits it out.
            var wait = response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - time.GetUtcNow()) ?? TimeSpan.FromSeconds(30);
            return new RetryAfterException(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, $"Teams answered 429 {code}");
        }

        return new BotConnectorException(status, code, message, correlation);
    }

    // Conversation ids hold ':', '@' and ';', which must not be read as path syntax.
    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    // The log names the call's shape, not the conversation or user ids in it.
    private static string Operation(string path) => path.Split('/') is [var v, var conversations, _, var what, ..] ? $"{v}/{conversations}/…/{what}" : path;

    private static BotConnectorException Malformed(string what) => new(200, "malformed", $"Teams' answer lacked {what}", null);
}

/// <summary>A member of a Teams conversation as the connector returns it, with the tenant whose directory vouches for the email.</summary>
public sealed record TeamsMember(string Id, string? AadObjectId, string? Name, string? Email, string? TenantId = null);
