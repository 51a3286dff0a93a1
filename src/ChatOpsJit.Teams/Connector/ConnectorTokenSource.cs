using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Teams.Connector;

/// <summary>
/// The bot's client-credentials token for the Bot Connector (scope <c>https://api.botframework.com/.default</c>), kept
/// until five minutes before it expires so a burst of posts costs one token request. The token is never logged.
/// </summary>
public sealed class ConnectorTokenSource(IHttpClientFactory http, IOptions<TeamsOptions> options, TimeProvider time, ILogger<ConnectorTokenSource> logger)
{
    public const string HttpClientName = "TeamsToken";
    private const string Scope = "https://api.botframework.com/.default";
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    // One reference, swapped whole: deliveries run concurrently, and a two-field struct read outside the lock could tear.
    private volatile CachedToken? _current;

    public async Task<string> GetAsync(CancellationToken ct)
    {
        if (_current is { } cached && time.GetUtcNow() < cached.RenewAt)
        {
            return cached.Token;
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_current is { } again && time.GetUtcNow() < again.RenewAt)
            {
                return again.Token;
            }

            var fresh = await RequestAsync(ct).ConfigureAwait(false);
            _current = fresh;
            return fresh.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the token, after the connector refused it.</summary>
    public void Forget() => _current = null;

    private async Task<CachedToken> RequestAsync(CancellationToken ct)
    {
        var settings = options.Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.AppId!,
            ["client_secret"] = settings.AppPassword!,
            ["scope"] = Scope,
        });
        using var response = await http.CreateClient(HttpClientName).PostAsync(settings.TokenUrl, form, ct).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(body?.AccessToken))
        {
            // Entra's error code (invalid_client, AADSTS700016 for a tenant that does not know the app) says what to fix.
            var why = $"{(int)response.StatusCode} {body?.Error} {FirstLine(body?.ErrorDescription)}".Trim();
            logger.LogError("Teams token request to {Endpoint} failed: {Error}", settings.TokenUrl.GetLeftPart(UriPartial.Path), why);
            throw new BotConnectorException((int)response.StatusCode, body?.Error ?? "token", $"the bot's Teams token was refused: {why}", null);
        }

        var lifetime = TimeSpan.FromSeconds(Math.Max(body.ExpiresIn, 60));
        // A short-lived token is still renewed before it lapses, never used past half its life when under five minutes.
        var renewIn = lifetime > RefreshAhead * 2 ? lifetime - RefreshAhead : lifetime / 2;
        return new CachedToken(body.AccessToken, time.GetUtcNow() + renewIn);
    }

    private static string FirstLine(string? text) => text?.Split('\n')[0].Trim() ?? "";

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);

    private sealed record CachedToken(string Token, DateTimeOffset RenewAt);
}
