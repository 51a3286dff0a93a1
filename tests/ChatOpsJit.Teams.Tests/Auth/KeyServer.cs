using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Teams.Tests.Auth;

/// <summary>
/// A private stand-in for login.botframework.com and login.microsoftonline.com, given to the TeamsAuth client as its
/// handler: it serves OpenID metadata and JWKS documents from <see cref="Routes"/> and counts every request.
/// </summary>
internal sealed class KeyServer : HttpMessageHandler
{
    public const string BotFrameworkMetadata = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string BotFrameworkJwks = "https://login.botframework.com/v1/.well-known/keys";

    private readonly ConcurrentDictionary<string, int> _requests = new();

    public KeyServer(string tenant)
    {
        EntraMetadata = $"https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration";
        EntraJwks = $"https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys";
        Routes[BotFrameworkMetadata] = () => Metadata("https://api.botframework.com", BotFrameworkJwks);
        Routes[BotFrameworkJwks] = () => Jwks(BotFrameworkKeys, withEndorsements: true);
        Routes[EntraMetadata] = () => Metadata($"https://login.microsoftonline.com/{tenant}/v2.0", EntraJwks);
        Routes[EntraJwks] = () => Jwks(EntraKeys, withEndorsements: false);
    }

    public string EntraMetadata { get; }

    public string EntraJwks { get; }

    public List<TestKey> BotFrameworkKeys { get; } = [];

    public List<TestKey> EntraKeys { get; } = [];

    /// <summary>Address → body; an address not here answers 404, a body of null answers 500.</summary>
    public ConcurrentDictionary<string, Func<string?>> Routes { get; } = new();

    /// <summary>When set, every answer waits for it (to pile up concurrent callers).</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Completes when the first request arrives.</summary>
    public TaskCompletionSource FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Requests(string url) => _requests.GetValueOrDefault(url);

    public int TotalRequests => _requests.Values.Sum();

    public static string Metadata(string issuer, string jwksUri) => new JsonObject
    {
        ["issuer"] = issuer,
        ["jwks_uri"] = jwksUri,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    }.ToJsonString();

    public static string Jwks(IEnumerable<TestKey> keys, bool withEndorsements)
    {
        lock (keys)
        {
            return new JsonObject { ["keys"] = new JsonArray(keys.Select(k => (JsonNode)k.Jwk(withEndorsements)).ToArray()) }.ToJsonString();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.AbsoluteUri;
        _requests.AddOrUpdate(url, 1, (_, n) => n + 1);
        FirstRequest.TrySetResult();
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (request.Method != HttpMethod.Get || !Routes.TryGetValue(url, out var route))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        return route() is { } body
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") }
            : new HttpResponseMessage(HttpStatusCode.InternalServerError);
    }

    // The factory recycles handlers on its own schedule; this one lives as long as its test.
    protected override void Dispose(bool disposing)
    {
    }
}
