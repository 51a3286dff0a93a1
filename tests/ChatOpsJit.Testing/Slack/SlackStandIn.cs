using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Testing.Slack;

/// <summary>Slack for tests: a real HTTP server on a loopback port that answers as Slack does.</summary>
/// <remarks>
/// It answers the Web API, response_urls and Socket Mode (errors included), keeps what the app sent and lets a test
/// make Slack slow, down or rate-limited. Point the app's Slack:ApiBaseUrl at <see cref="ApiBaseUrl"/>.
/// </remarks>
public sealed partial class SlackStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SlackStandInOptions _options;
    private readonly SlackDirectory _directory;
    private readonly MessageStore _messages;
    private readonly ViewStore _views;
    private readonly PayloadLog _payloads = new();
    private readonly TriggerIds _triggers;
    private readonly ResponseUrls _responseUrls;
    private readonly FaultPlan _faults = new();
    private readonly SocketModeHub _sockets;
    private readonly BlockChecks _checks;
    private readonly WebApiMethods _methods = new();
    private readonly Recorded<SlackCall> _calls = new(c => c.ToString());
    private readonly Recorded<SlackResponseUrlPost> _responsePosts = new(p => p.ToString());
    private string _baseUrl = "";

    private SlackStandIn(WebApplication app, SlackStandInOptions options)
    {
        _app = app;
        _options = options;
        _directory = new SlackDirectory(options);
        _messages = new MessageStore(options);
        _views = new ViewStore(options);
        _triggers = new TriggerIds(options.Time, options.TriggerIdLifetime);
        _responseUrls = new ResponseUrls(options.Time, options.ResponseUrlLifetime, options.ResponseUrlUses);
        _sockets = new SocketModeHub(options);
        _checks = new BlockChecks(options);

        new AppsMethods(options, _sockets, () => $"ws{BaseUrl["http".Length..]}socket").AddTo(_methods);
        new ChatMethods(_directory, _messages, _checks, _payloads).AddTo(_methods);
        new ConversationsMethods(_directory).AddTo(_methods);
        new UsersMethods(_directory, options).AddTo(_methods);
        new ViewsMethods(_directory, _views, _triggers, _checks, _payloads).AddTo(_methods);
    }

    /// <summary>"http://127.0.0.1:{port}/".</summary>
    public string BaseUrl => _baseUrl;

    /// <summary>"http://127.0.0.1:{port}/api/": what https://slack.com/api/ is to a real app.</summary>
    public string ApiBaseUrl => BaseUrl + "api/";

    public SlackStandInOptions Options => _options;

    /// <summary>Starts the stand-in on a free loopback port.</summary>
    public static async Task<SlackStandIn> StartAsync(SlackStandInOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new SlackStandIn(app, options ?? new SlackStandInOptions());

        app.UseUntraced();
        app.UseWebSockets();
        app.MapMethods("/api/{method}", [HttpMethods.Get, HttpMethods.Post], standIn.HandleWebApiAsync);
        app.MapMethods("/as/{caller}/api/{method}", [HttpMethods.Get, HttpMethods.Post], standIn.HandleWebApiAsync);
        app.MapPost("/respond/{id}", standIn.HandleResponseUrlAsync);
        app.MapGet("/socket", standIn._sockets.AcceptAsync);

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn._baseUrl = address.TrimEnd('/') + "/";
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        // Sockets first: Kestrel waits for open requests, and a WebSocket is one until it ends.
        await _sockets.StopAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
