using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Teams;

namespace ChatOpsJit.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real host with Teams switched on, against the Bot Framework stand-in: every person of the sample directory is a
/// member of the tenant, and the two approvers' channels the sample policies name exist in a team the bot was added to.
/// Activities reach the host with tokens the stand-in signs with its own keys.
/// </summary>
public sealed class TeamsWorld : IAsyncDisposable
{
    public const string AppId = "5f0d6c4e-8a1b-4c3d-9e2f-0a1b2c3d4e5f";
    public const string AppPassword = "e2e-teams-client-secret";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string PlatformChannel = "19:platform-approvals@thread.tacv2";
    public const string SecurityChannel = "19:security-approvals@thread.tacv2";

    /// <summary>Every Adaptive Card any Teams world's stand-in received or an invoke answered with, checked together at the end of the run.</summary>
    public static readonly ConcurrentQueue<JsonNode> AllCards = new();

    private TeamsWorld(BotFrameworkStandIn teams, TestHost host, IReadOnlyDictionary<string, TeamsUser> people, TeamsChannel platform, TeamsChannel security)
    {
        Teams = teams;
        Host = host;
        People = people;
        Platform = platform;
        Security = security;
    }

    public BotFrameworkStandIn Teams { get; }

    public TestHost Host { get; private set; }

    public IReadOnlyDictionary<string, TeamsUser> People { get; }

    public TeamsChannel Platform { get; }

    public TeamsChannel Security { get; }

    public Uri MessagesUrl => new(Host.BaseUrl + "/api/messages");

    public static async Task<TeamsWorld> StartAsync(Action<TestHostOptions>? configure = null, bool install = true, TimeProvider? time = null, IEnumerable<string>? moreMembers = null)
    {
        var teams = await BotFrameworkStandIn.StartAsync(AppId, AppPassword, TenantId, time);
        var people = new Dictionary<string, TeamsUser>(StringComparer.OrdinalIgnoreCase);
        foreach (var (email, name) in new[]
                 {
                     ("dev@example.com", "Dana Developer"), ("lead@example.com", "Lee Lead"), ("ops@example.com", "Olu Ops"), ("sec@example.com", "Sam Security"),
                     ("risk@example.com", "Riley Risk"), ("pay@example.com", "Pat Payments"),
                 }.Concat((moreMembers ?? []).Select(e => (e, e.Split('@')[0]))))
        {
            people[email] = teams.AddUser(email, name);
        }

        var platform = teams.AddChannel("Platform approvals", PlatformChannel);
        var security = teams.AddChannel("Security approvals", SecurityChannel);
        var options = new TestHostOptions { Time = time };
        options.Settings["Teams:AppId"] = AppId;
        options.Settings["Teams:AppPassword"] = AppPassword;
        options.Settings["Teams:TenantId"] = TenantId;
        options.Settings["Teams:OpenIdMetadataUrl"] = teams.OpenIdMetadataUrl.ToString();
        options.Settings["Teams:EntraOpenIdMetadataUrl"] = teams.EntraOpenIdMetadataUrl;
        options.Settings["Teams:TokenEndpoint"] = teams.TokenEndpoint;
        configure?.Invoke(options);
        TestHost host;
        try
        {
            host = await TestHost.StartAsync(options);
        }
        catch
        {
            await teams.DisposeAsync();
            throw;
        }

        var world = new TeamsWorld(teams, host, people, platform, security);
        if (install)
        {
            await world.InstallAsync();
        }

        return world;
    }

    /// <summary>The bot added to the approvers' team (both channels) and installed by each person for themselves.</summary>
    public async Task InstallAsync()
    {
        foreach (var channel in new[] { Platform, Security })
        {
            Expect(await SendAsync(TeamsActivities.InstallInTeam(Teams, channel, People["lead@example.com"])), 200, $"installing in {channel.Name}");
        }

        foreach (var person in People.Values)
        {
            Expect(await SendAsync(TeamsActivities.InstallPersonal(Teams, person)), 200, $"{person.Email} installing the app");
        }
    }

    /// <summary>Stops the host and starts a new one on the same database and settings, as a deploy or a crash would.</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = await TestHost.StartAsync(Host.Options);
    }

    public TeamsUser Person(string email) => People[email];

    /// <summary>Sends an activity as Teams does; <paramref name="token"/> "" mints a valid one, null sends none.</summary>
    public async Task<InboundReply> SendAsync(JsonObject activity, string? token = "")
    {
        var reply = await Teams.SendAsync(MessagesUrl, activity, token);
        if (reply.Body?["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive" && reply.Body["value"] is JsonObject card)
        {
            AllCards.Enqueue(card.DeepClone());
        }

        return reply;
    }

    /// <summary>Writes <paramref name="text"/> to the bot in <paramref name="email"/>'s personal chat and waits for its answer there.</summary>
    public async Task<PostedActivity> SayAsync(string email, string text)
    {
        var activity = TeamsActivities.PersonalMessage(Teams, Person(email), text);
        Expect(await SendAsync(activity), 200, $"'{text}' from {email}");
        return await Teams.WaitForMessageAsync(Teams.PersonalConversationId(Person(email)),
            m => m.ReplyToId == (string?)activity["id"], $"the bot's answer to '{text}'");
    }

    /// <summary>The approval card of <paramref name="requestId"/> in a channel, waiting for it.</summary>
    public Task<PostedActivity> WaitForCardAsync(string channel, string requestId, Func<PostedActivity, bool>? also = null, string? what = null) =>
        Teams.WaitForMessageAsync(channel, m => m.Cards.Count > 0 && Text(m.Card).Contains(requestId, StringComparison.Ordinal) && (also?.Invoke(m) ?? true),
            what ?? $"the card of {requestId}");

    /// <summary>Waits for a DM to <paramref name="email"/> whose card satisfies <paramref name="condition"/>.</summary>
    public Task<PostedActivity> WaitForDirectAsync(string email, Func<string, bool> condition, string what) =>
        Teams.WaitForMessageAsync(Teams.PersonalConversationId(Person(email)), m => m.Cards.Count > 0 && condition(Text(m.Card)), what);

    /// <summary>Presses the Action.Execute button of <paramref name="verb"/> on a posted card as <paramref name="email"/>.</summary>
    public async Task<InboundReply> ClickAsync(string email, PostedActivity message, string verb, JsonObject? typed = null)
    {
        var (_, data) = Button(message.Card, verb);
        foreach (var (key, value) in typed ?? [])
        {
            data[key] = value?.DeepClone();
        }

        return await SendAsync(TeamsActivities.Invoke(Teams, Person(email), message.ConversationId, message.Id, verb, data));
    }

    /// <summary>An invoke of any verb and data, as a client would send it (a refresh, or a press made up by a test).</summary>
    public Task<InboundReply> InvokeAsync(string email, PostedActivity message, string verb, JsonObject data, string trigger = "manual") =>
        SendAsync(TeamsActivities.Invoke(Teams, Person(email), message.ConversationId, message.Id, verb, data, trigger));

    /// <summary>The card an invoke answered with; fails when it answered otherwise.</summary>
    public static JsonObject CardOf(InboundReply reply)
    {
        Assert.That(reply.Status, Is.EqualTo(200), reply.RawBody);
        Assert.That((string?)reply.Body?["type"], Is.EqualTo("application/vnd.microsoft.card.adaptive"), reply.RawBody);
        return (JsonObject)reply.Body!["value"]!;
    }

    /// <summary>The message an invoke answered with (a refusal the clicker sees); fails when it answered otherwise.</summary>
    public static string MessageOf(InboundReply reply)
    {
        Assert.That(reply.Status, Is.EqualTo(200), reply.RawBody);
        Assert.That((string?)reply.Body?["type"], Is.EqualTo("application/vnd.microsoft.activity.message"), reply.RawBody);
        return (string)reply.Body!["value"]!;
    }

    /// <summary>The verb and data of the button for <paramref name="verb"/>, wherever it sits in the card.</summary>
    public static (JsonObject Action, JsonObject Data) Button(JsonObject card, string verb) =>
        Buttons(card).FirstOrDefault(b => (string?)b["verb"] == verb) is { } found
            ? (found, (JsonObject)found["data"]!.DeepClone())
            : throw new AssertionException($"no {verb} button on the card; it shows {string.Join(", ", Verbs(card))}");

    /// <summary>Every Action.Execute button of a card (not the refresh action, not fallbacks).</summary>
    public static IReadOnlyList<JsonObject> Buttons(JsonObject card)
    {
        var found = new List<JsonObject>();
        Walk(card, found, inRefresh: false);
        return found;
    }

    public static IReadOnlyList<string> Verbs(JsonObject card) => Buttons(card).Select(b => (string)b["verb"]!).ToList();

    /// <summary>A card's JSON as Teams reads it, with &lt; and &gt; unescaped, so a test can look for mention markup.</summary>
    public static string Text(JsonNode? node) => SlackWorld.Text(node);

    private static void Walk(JsonNode? node, List<JsonObject> found, bool inRefresh)
    {
        switch (node)
        {
            case JsonObject o:
                if (!inRefresh && (string?)o["type"] == "Action.Execute")
                {
                    found.Add(o);
                }

                foreach (var (key, value) in o)
                {
                    if (key != "fallback")
                    {
                        Walk(value, found, inRefresh || key == "refresh");
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Walk(item, found, inRefresh);
                }

                break;
        }
    }

    private static void Expect(InboundReply reply, int status, string what) =>
        Assert.That(reply.Status, Is.EqualTo(status), $"{what}: {reply.RawBody}");

    public async ValueTask DisposeAsync()
    {
        foreach (var card in Teams.AllCards)
        {
            AllCards.Enqueue(card.DeepClone());
        }

        await Host.DisposeAsync();
        await Teams.DisposeAsync();
    }
}
