using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Testing.Teams;

/// <summary>Microsoft Teams for tests: Bot Framework and Entra OpenID keys, Entra's token endpoint and the Bot Connector, on one loopback port.</summary>
/// <remarks>
/// Point the host's Teams options at <see cref="OpenIdMetadataUrl"/>, <see cref="EntraOpenIdMetadataUrl"/> and
/// <see cref="TokenEndpoint"/>, and deliver activities (<see cref="TeamsActivities"/>) with <see cref="SendAsync"/>: they carry
/// <see cref="ServiceUrl"/>, so the host's replies come back here, where they are checked as Teams checks them and kept.
/// Independent of the ChatOpsJit Teams adapter on purpose: it is what that adapter is tested against.
/// </remarks>
public sealed partial class BotFrameworkStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly SigningKeys _keys = new();
    private readonly AccessTokens _accessTokens;
    private readonly EntraTokenEndpoint _tokenEndpoint;
    private readonly TeamsDirectory _directory = new();
    private readonly ConversationStore _store;
    private readonly BotConnector _connector;
    private readonly ConnectorFaults _faults = new();
    private readonly Recorded<ConnectorCall> _calls = new(c => c.ToString());
    private readonly Recorded<JsonObject> _cards = new(c => c.ToJsonString());
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private string _base = "";

    private BotFrameworkStandIn(WebApplication app, string appId, string appPassword, string tenantId, TimeProvider time)
    {
        _app = app;
        _time = time;
        AppId = appId;
        TenantId = tenantId;
        _accessTokens = new AccessTokens(time);
        _tokenEndpoint = new EntraTokenEndpoint(appId, appPassword, tenantId, _accessTokens, time);
        _store = new ConversationStore(time);
        _connector = new BotConnector(tenantId, BotId, _directory, _store, () => BlockedAnswer);
    }

    /// <summary>The Azure Bot's Microsoft App ID: the audience of inbound tokens and the client id of the outbound grant.</summary>
    public string AppId { get; }

    /// <summary>The bot's Entra tenant, and the only tenant of the users and channels here.</summary>
    public string TenantId { get; }

    /// <summary>"28:{AppId}": the bot in activities (recipient) and in conversation parameters.</summary>
    public string BotId => "28:" + AppId;

    /// <summary>The bot's display name in mentions and recipients.</summary>
    public string BotName { get; set; } = "ChatOpsJit";

    /// <summary>"http://127.0.0.1:{port}/".</summary>
    public Uri BaseUrl => new(_base + "/");

    /// <summary>What https://login.botframework.com/v1/.well-known/openidconfiguration is to a real bot.</summary>
    public Uri OpenIdMetadataUrl => new(_base + "/v1/.well-known/openidconfiguration");

    /// <summary>The tenant's Entra OpenID metadata, whose key ("entra-key") signs Entra-issued inbound tokens.</summary>
    public string EntraOpenIdMetadataUrl => $"{_base}/{TenantId}/v2.0/.well-known/openid-configuration";

    /// <summary>Where the client-credentials token comes from: https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token here.</summary>
    public string TokenEndpoint => $"{_base}/{TenantId}/oauth2/v2.0/token";

    /// <summary>"{base}/teams/": the serviceUrl activities carry; the Connector API is at "{ServiceUrl}v3/…".</summary>
    public Uri ServiceUrl => RegionalServiceUrl("teams");

    /// <summary>
    /// "{base}/{region}/": another serviceUrl the same Connector answers under (Teams' are regional: /emea/, /amer/…), for
    /// tests of a serviceUrl that changes; each call records the one it used.
    /// </summary>
    public Uri RegionalServiceUrl(string region) => new($"{_base}/{region}/");

    /// <summary>How a write to a user without the bot is refused (403 either way); the documented MessageWritesBlocked body by default.</summary>
    public TeamsBlockedAnswer BlockedAnswer { get; set; }

    /// <summary>Starts the stand-in on a free loopback port; <paramref name="time"/> times the tokens it mints and checks.</summary>
    public static async Task<BotFrameworkStandIn> StartAsync(string appId, string appPassword, string tenantId, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new BotFrameworkStandIn(app, appId, appPassword, tenantId, time ?? TimeProvider.System);
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn._base = address.TrimEnd('/');
        return standIn;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var segments = Segments(context);
        if (segments is [_, "v3", ..])
        {
            await HandleConnectorAsync(context, segments);
            return;
        }

        var path = "/" + string.Join('/', segments);
        var fault = _faults.Take(path) is { } taken
            ? (segments is [_, "oauth2", ..] ? EntraErrors.Fault(taken.Status, taken.RetryAfter, _time.GetUtcNow()) : ConnectorErrors.Fault(taken.Status, taken.RetryAfter))
            : null;
        var answer = await AnswerIdentityAsync(context, segments, fault);
        await WriteAsync(context, answer, correlate: false);
    }

    /// <summary>
    /// The path split on '/' before decoding, each piece decoded after: conversation ids contain ':', '@' and ';' and come
    /// URL-encoded, and an encoded '/' must not split one.
    /// </summary>
    private static string[] Segments(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString();
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            raw = raw[..query];
        }

        return raw.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
    }

    private static async Task WriteAsync(HttpContext context, HttpAnswer answer, bool correlate)
    {
        context.Response.StatusCode = answer.Status;
        if (correlate && answer.IsError)
        {
            // Teams puts it on every Connector error, for support cases; bots are told to log it.
            context.Response.Headers["X-Correlating-OperationId"] = Guid.NewGuid().ToString("N");
        }

        if (answer.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (answer.Body is { } body)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(StandInJson.Write(body), context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
