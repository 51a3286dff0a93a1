using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.Slack.Tests.StandIn;

/// <summary>A fresh stand-in per test, and a client for its Web API.</summary>
public abstract class StandInTest
{
    protected SlackStandIn Slack { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    internal WebApiClient Api { get; private set; } = null!;

    protected string BotToken => Slack.Options.BotToken;

    protected string AppToken => Slack.Options.AppToken;

    [SetUp]
    public async Task StartStandIn()
    {
        Slack = await SlackStandIn.StartAsync(Options());
        Http = new HttpClient { BaseAddress = new Uri(Slack.ApiBaseUrl) };
        Api = new WebApiClient(Http);
    }

    [TearDown]
    public async Task StopStandIn()
    {
        Http.Dispose();
        await Slack.DisposeAsync();
    }

    protected virtual SlackStandInOptions Options() => new();

    /// <summary>A bot call with a JSON body.</summary>
    internal Task<WebApiReply> CallAsync(string method, JsonObject args) => Api.JsonAsync(method, args, BotToken);

    protected static JsonArray SectionBlocks(string text) =>
        [new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text } }];
}
