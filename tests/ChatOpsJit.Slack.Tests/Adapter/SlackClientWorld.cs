using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Slack.WebApi;
using ChatOpsJit.Testing.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Slack.Tests.Adapter;

/// <summary>The Slack adapter's services as the host wires them (real HTTP client and resilience pipeline) against the stand-in.</summary>
internal sealed class SlackClientWorld : IAsyncDisposable
{
    private SlackClientWorld(SlackStandIn slack, ServiceProvider services, LogCapture logs)
    {
        Slack = slack;
        Services = services;
        Logs = logs;
    }

    public SlackStandIn Slack { get; }

    public ServiceProvider Services { get; }

    public LogCapture Logs { get; }

    public SlackWebApiClient Client => Services.GetRequiredService<SlackWebApiClient>();

    public static async Task<SlackClientWorld> StartAsync()
    {
        var slack = await SlackStandIn.StartAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "unit-test-secret",
            ["Slack:BotToken"] = slack.Options.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
        }).Build();
        var logs = new LogCapture();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(config)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IPostedMessageLedger, MemoryLedger>()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddSlack(config)
            .BuildServiceProvider();
        return new SlackClientWorld(slack, services, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Slack.DisposeAsync();
    }

    /// <summary>The ledger's contract in memory, for tests of one adapter class.</summary>
    public sealed class MemoryLedger : IPostedMessageLedger
    {
        private readonly Dictionary<(PlatformName, string), CardReference> _posts = [];

        public Task<CardReference?> FindAsync(PlatformName platform, string idempotencyKey, CancellationToken cancellationToken = default) =>
            Task.FromResult(_posts.GetValueOrDefault((platform, idempotencyKey)));

        public Task RecordAsync(string idempotencyKey, CardReference posted, CancellationToken cancellationToken = default)
        {
            _posts.TryAdd((posted.Platform, idempotencyKey), posted);
            return Task.CompletedTask;
        }
    }
}
