using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Workers;
using ChatOpsJit.Slack.WebApi;
using ChatOpsJit.Storage.Sqlite;
using ChatOpsJit.Testing.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real host with Slack switched on, against the Slack stand-in, with every person of the sample directory in the
/// workspace. Requests to the host are signed exactly as Slack signs them, at the host's own time.
/// </summary>
public sealed class SlackWorld : IAsyncDisposable
{
    public const string SigningSecret = "e2e-signing-secret-0123456789abcdef";
    public const string PlatformChannel = "C0PLATFORM1";
    public const string SecurityChannel = "C0SECURITY1";
    public const string CommandChannel = "C0CMD";

    /// <summary>Every Block Kit payload any Slack world's stand-in accepted, type-checked together at the end of the run.</summary>
    public static readonly ConcurrentQueue<(string Kind, JsonNode Payload)> AllPayloads = new();

    private SlackWorld(SlackStandIn slack, TestHost host)
    {
        Slack = slack;
        Host = host;
    }

    public SlackStandIn Slack { get; }

    public TestHost Host { get; private set; }

    /// <summary>Stops the host and starts a new one on the same database and settings, as a deploy or a crash would.</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = await TestHost.StartAsync(Host.Options);
    }

    public static async Task<SlackWorld> StartAsync(
        Action<TestHostOptions>? configure = null, SlackStandInOptions? slackOptions = null, IEnumerable<string>? moreMembers = null, bool socketMode = false)
    {
        var slack = await SlackStandIn.StartAsync(slackOptions ?? Checked());
        foreach (var email in moreMembers ?? [])
        {
            slack.AddUser(email, email.Split('@')[0]);
        }

        foreach (var (email, name) in new[]
                 {
                     ("dev@example.com", "dana"), ("lead@example.com", "lee"), ("ops@example.com", "olu"), ("sec@example.com", "sam"),
                     ("risk@example.com", "riley"), ("pay@example.com", "pat"),
                 })
        {
            slack.AddUser(email, name);
        }

        foreach (var channel in new[] { PlatformChannel, SecurityChannel, CommandChannel })
        {
            slack.AddChannel(channel);
        }

        var options = new TestHostOptions();
        options.Settings["Slack:SigningSecret"] = SigningSecret;
        options.Settings["Slack:BotToken"] = slack.Options.BotToken;
        options.Settings["Slack:ApiBaseUrl"] = slack.ApiBaseUrl;
        if (socketMode)
        {
            options.Settings["Slack:AppToken"] = slack.Options.AppToken;
        }

        configure?.Invoke(options);
        try
        {
            return new SlackWorld(slack, await TestHost.StartAsync(options));
        }
        catch
        {
            await slack.DisposeAsync();
            throw;
        }
    }

    /// <summary>A stand-in that refuses any payload breaking Block Kit's limits, as Slack does.</summary>
    public static SlackStandInOptions Checked(TimeProvider? time = null) => SlackStandInOptions.CheckedAsSlackDoes(time);

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JSON as Slack reads it, with <c>&lt;</c> and <c>&gt;</c> unescaped, so a test can look for mention tokens.</summary>
    public static string Text(JsonNode? node) => node?.ToJsonString(Readable) ?? "";

    public DateTimeOffset Now => Host.Options.Time?.GetUtcNow() ?? DateTimeOffset.UtcNow;

    public string UserId(string email) => Slack.FindUser(email)?.Id ?? throw new ArgumentException($"{email} is not in the Slack workspace");

    /// <summary>Types <c>/access {text}</c> as <paramref name="email"/>; the ack's JSON body, if any.</summary>
    public async Task<(HttpResponseMessage Response, JsonObject? Body)> CommandAsync(string email, string text, string channel = CommandChannel)
    {
        var fields = SlackPayloads.SlashCommand(UserId(email), text, Slack.NewResponseUrl(channel), Slack.NewTriggerId(), channel);
        return await SendAsync(SlackRequestSigner.SignedForm(Host.BaseUrl + "/slack/commands", SigningSecret, fields, Now));
    }

    /// <summary>Clicks the button of <paramref name="verb"/> on a posted message as <paramref name="email"/>.</summary>
    public async Task<HttpResponseMessage> ClickAsync(string email, SlackPostedMessage message, string verb) =>
        (await SendAsync(SlackRequestSigner.SignedInteraction(Host.BaseUrl + "/slack/interactions", SigningSecret,
            SlackButtons.Click(Slack, UserId(email), message, verb), Now))).Response;

    /// <summary>Posts an interaction payload (signed) and returns the HTTP answer's JSON, if any.</summary>
    public Task<(HttpResponseMessage Response, JsonObject? Body)> InteractAsync(JsonObject payload, string path = "/slack/interactions") =>
        SendAsync(SlackRequestSigner.SignedInteraction(Host.BaseUrl + path, SigningSecret, payload, Now));

    /// <summary>Submits a modal the host opened (as recorded by the stand-in) with <paramref name="state"/> as what was entered.</summary>
    public Task<(HttpResponseMessage Response, JsonObject? Body)> SubmitViewAsync(string email, JsonObject view, JsonObject state) =>
        InteractAsync(SlackPayloads.ViewSubmission(UserId(email), view, state));

    /// <summary>The last modal the host opened with <paramref name="callbackId"/>, waiting for it.</summary>
    public async Task<JsonObject> WaitForOpenedViewAsync(string callbackId, int count = 1)
    {
        await Slack.WaitForCallAsync(c => c.Method == "views.open" && c.Ok && Slack.OpenedViews.Count(v => (string?)v["callback_id"] == callbackId) >= count,
            $"a {callbackId} modal");
        return Slack.OpenedViews.Last(v => (string?)v["callback_id"] == callbackId);
    }

    public Task<(HttpResponseMessage Response, JsonObject? Body)> EventAsync(JsonObject body) =>
        SendAsync(SlackRequestSigner.SignedJson(Host.BaseUrl + "/slack/events", SigningSecret, body, Now));

    /// <summary>The action id and value of the button for <paramref name="verb"/> in a message's current blocks.</summary>
    public static (string ActionId, string Value) Button(SlackPostedMessage message, string verb) => SlackButtons.Button(message, verb);

    /// <summary>Every button in blocks: (action_id, value).</summary>
    public static IEnumerable<(string ActionId, string Value)> Buttons(JsonArray? blocks) => SlackButtons.Buttons(blocks);

    /// <summary>Waits until a message in <paramref name="channel"/> satisfies <paramref name="condition"/>.</summary>
    public Task<SlackPostedMessage> WaitForMessageAsync(string channel, Func<SlackPostedMessage, bool> condition, string what, TimeSpan? timeout = null) =>
        Slack.WaitForMessageAsync(channel, condition, what, timeout);

    /// <summary>The bot's DM channel with a person (opened by the bot's first DM to them).</summary>
    public string? DirectChannel(string email) => Slack.DirectMessageChannel(UserId(email));

    /// <summary>Waits for a DM to <paramref name="email"/> whose text satisfies <paramref name="condition"/>.</summary>
    public Task<SlackPostedMessage> WaitForDirectAsync(string email, Func<SlackPostedMessage, bool> condition, string what, TimeSpan? timeout = null) =>
        Slack.WaitForDirectAsync(email, condition, what, timeout);

    /// <summary>A Slack world whose host also runs Socket Mode against the stand-in, with the stand-in's app-level token.</summary>
    public static Task<SlackWorld> StartSocketModeAsync(Action<TestHostOptions>? configure = null) =>
        StartAsync(configure, socketMode: true);

    /// <summary>Types <c>/access {text}</c> as <paramref name="email"/> over Socket Mode; the envelope's id.</summary>
    public Task<string> CommandEnvelopeAsync(string email, string text, string channel = CommandChannel) =>
        Slack.SendEnvelopeAsync("slash_commands",
            SlackPayloads.AsJson(SlackPayloads.SlashCommand(UserId(email), text, Slack.NewResponseUrl(channel), Slack.NewTriggerId(), channel)));

    /// <summary>Clicks the button of <paramref name="verb"/> on a posted message as <paramref name="email"/>, over Socket Mode; the envelope's id.</summary>
    public Task<string> ClickEnvelopeAsync(string email, SlackPostedMessage message, string verb) =>
        Slack.SendEnvelopeAsync("interactive", SlackButtons.Click(Slack, UserId(email), message, verb));

    /// <summary>
    /// Clicks a button by its action id and value (signed, through /slack/interactions) on a message the stand-in may never
    /// have shown, e.g. while Slack was down: the host trusts the payload for nothing but the verb and the request id.
    /// </summary>
    public async Task<HttpResponseMessage> ClickButtonAsync(string email, string actionId, string value, string channel, string messageTs = "1600000000.000001")
    {
        var payload = SlackPayloads.BlockActions(UserId(email), actionId, value, Slack.NewResponseUrl(channel, messageTs), Slack.NewTriggerId(), channel, messageTs);
        return (await InteractAsync(payload)).Response;
    }

    /// <summary>Runs one pass of the host's outbox dispatcher now, by the host's clock; how many notifications were due.</summary>
    public Task<int> DeliverDueNotificationsAsync() =>
        Host.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single().RunOnceAsync(CancellationToken.None);

    /// <summary>Outbox notifications not delivered yet (due now or later), dead letters aside.</summary>
    public Task<long> UndeliveredCountAsync() =>
        (Host.Services.GetRequiredService<IOutboxStore>() as SqliteOutboxStore ?? throw new InvalidOperationException("the outbox is not SQLite")).CountUndeliveredAsync();

    /// <summary>
    /// Waits until a Web API call from the host's own Slack client gets through again: after an outage its circuit breaker
    /// (on real time) refuses calls for a while, and moving a fake host clock on before then only uses up delivery attempts.
    /// </summary>
    public async Task WaitUntilHostReachesSlackAsync(TimeSpan? timeout = null)
    {
        var client = Host.Get<SlackWebApiClient>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        string? refused = null;
        while (true)
        {
            try
            {
                await client.GetUserAsync(UserId("dev@example.com"));
                if (refused is not null)
                {
                    TestContext.Progress.WriteLine($"the host reached Slack again after {waited.Elapsed.TotalSeconds:0.0} s ({refused} until then)");
                }

                return;
            }
            catch (Exception e) when (waited.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)))
            {
                refused ??= e.GetType().Name;
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Moves a fake host clock on in steps until the outbox has delivered everything it holds.</summary>
    public async Task AdvanceUntilDeliveredAsync(FakeTimeProvider time, TimeSpan step, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (await UndeliveredCountAsync() > 0)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"the outbox still holds {await UndeliveredCountAsync()} undelivered notification(s) at {time.GetUtcNow():u}");
            }

            time.Advance(step);
            await Task.Delay(100);
        }
    }

    private async Task<(HttpResponseMessage Response, JsonObject? Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            var response = await Host.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            JsonObject? body = null;
            if (response.StatusCode == HttpStatusCode.OK && text.Length > 0 && text.TrimStart().StartsWith('{'))
            {
                body = JsonNode.Parse(text)!.AsObject();
            }

            return (response, body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var payload in Slack.Payloads)
        {
            AllPayloads.Enqueue(payload);
        }

        await Host.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
