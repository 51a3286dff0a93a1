using ChatOpsJit.Core.Configuration;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Telemetry;
using ChatOpsJit.Slack.BlockKit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Slack.WebApi;

/// <summary>
/// Slack's Web API: typed calls with the bot token in the <c>Authorization</c> header (never in a body or URL, so it
/// cannot reach a log). Transient failures are retried by the HTTP client's resilience pipeline; what remains becomes a
/// <see cref="SlackApiException"/>, or a <see cref="RetryAfterException"/> for a rate limit the caller should wait out.
/// </summary>
public sealed class SlackWebApiClient(IHttpClientFactory clients, IOptions<SlackOptions> options, ILogger<SlackWebApiClient> logger)
{
    /// <summary>The named HTTP client whose resilience pipeline every call goes through.</summary>
    public const string HttpClientName = "slack";

    /// <summary>How Slack spells its fields.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<PostedMessage> PostMessageAsync(string channel, SlackMessage message, CancellationToken ct = default)
    {
        var posted = await CallAsync<PostMessageRequest, PostMessageResponse>("chat.postMessage", new(channel, message.Text, message.Blocks), ct).ConfigureAwait(false);
        return new PostedMessage(posted.Channel, posted.Ts);
    }

    public Task UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken ct = default) =>
        CallAsync<UpdateMessageRequest, SlackResponse>("chat.update", new(channel, ts, message.Text, message.Blocks), ct);

    public Task PostEphemeralAsync(string channel, string user, SlackMessage message, CancellationToken ct = default) =>
        CallAsync<PostEphemeralRequest, SlackResponse>("chat.postEphemeral", new(channel, user, message.Text, message.Blocks), ct);

    /// <summary>The id of the bot's DM with <paramref name="userId"/>.</summary>
    public async Task<string> OpenDirectChannelAsync(string userId, CancellationToken ct = default)
    {
        var opened = await CallAsync<OpenConversationRequest, OpenConversationResponse>("conversations.open", new(userId), ct).ConfigureAwait(false);
        return opened.Channel?.Id ?? throw new SlackApiException("conversations.open", "no_channel", "the response named no channel");
    }

    public async Task<SlackUserRecord> GetUserAsync(string userId, CancellationToken ct = default) =>
        (await CallAsync<UserInfoRequest, UserResponse>("users.info", new(userId), ct).ConfigureAwait(false)).User
        ?? throw new SlackApiException("users.info", "no_user", "the response named no user");

    /// <summary>The Slack user with this email, or null when the workspace has none.</summary>
    public async Task<SlackUserRecord?> LookupByEmailAsync(string email, CancellationToken ct = default)
    {
        try
        {
            return (await CallAsync<LookupByEmailRequest, UserResponse>("users.lookupByEmail", new(email), ct).ConfigureAwait(false)).User;
        }
        catch (SlackApiException e) when (e.Error == "users_not_found")
        {
            return null;
        }
    }

    public Task OpenViewAsync(string triggerId, System.Text.Json.Nodes.JsonObject view, CancellationToken ct = default) =>
        CallAsync<OpenViewRequest, SlackResponse>("views.open", new(triggerId, view), ct);

    public Task PublishHomeAsync(string userId, System.Text.Json.Nodes.JsonObject view, CancellationToken ct = default) =>
        CallAsync<PublishViewRequest, SlackResponse>("views.publish", new(userId, view), ct);

    /// <summary>A fresh Socket Mode WebSocket address; this one call uses the app-level token.</summary>
    public async Task<Uri> OpenSocketConnectionAsync(CancellationToken ct = default)
    {
        var token = options.Value.AppToken ?? throw new InvalidOperationException("Slack:AppToken is not set");
        var opened = await CallAsync<object, OpenConnectionResponse>("apps.connections.open", new(), ct, token).ConfigureAwait(false);
        // The address carries a connection ticket: wss only, ws for a stand-in on this machine.
        return Uri.TryCreate(opened.Url, UriKind.Absolute, out var url) && url.Scheme is "wss" or "ws" && SafeEndpoints.IsSecureOrLoopback(url)
            ? url
            : throw new SlackApiException("apps.connections.open", "no_url", "the response named no WebSocket address");
    }

    /// <summary>Answers through a <c>response_url</c> Slack gave with a signed request; it needs no token, so none is sent.</summary>
    public async Task RespondAsync(Uri responseUrl, ResponseUrlMessage message, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = JsonContent.Create(message, options: Json) };
        request.Options.Set(ChatOpsJitTracing.SecretUrl, true);
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // The URL is a capability for the conversation; log only that it failed, not the address.
            logger.LogWarning("Slack refused a response_url reply with HTTP {Status}", (int)response.StatusCode);
            throw new SlackApiException("response_url", $"http_{(int)response.StatusCode}");
        }
    }

    private async Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest body, CancellationToken ct, string? token = null)
        where TResponse : SlackResponse
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUrl, method))
        {
            Content = JsonContent.Create(body, options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? options.Value.BotToken);
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            logger.LogWarning("Slack {Method} is rate limited; retrying after {RetryAfter}", method, wait);
            throw new RetryAfterException(wait, $"Slack {method} is rate limited (retry after {wait.TotalSeconds:0}s)");
        }

        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("Slack {Method} answered HTTP {Status}", method, (int)response.StatusCode);
            throw new SlackApiException(method, $"http_{(int)response.StatusCode}");
        }

        var result = await response.Content.ReadFromJsonAsync<TResponse>(Json, ct).ConfigureAwait(false)
                     ?? throw new SlackApiException(method, "empty_response");
        if (!result.Ok)
        {
            var error = result.Error ?? "unknown_error";
            // Looking up an email that has no Slack account is an answer, not a failure.
            logger.Log(error == "users_not_found" ? LogLevel.Debug : LogLevel.Warning, "Slack {Method} failed: {SlackError}", method, error);
            throw new SlackApiException(method, error);
        }

        if (result.Warning is { } warning)
        {
            logger.LogDebug("Slack {Method} warned: {SlackWarning}", method, warning);
        }

        return result;
    }
}
