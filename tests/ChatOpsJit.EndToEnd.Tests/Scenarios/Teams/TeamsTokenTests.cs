using System.Text.Json.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Testing.Teams;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Teams;

/// <summary>
/// Every activity's bearer token is checked before the activity is used: only a token the Bot Framework signed, for this
/// bot, now, with a key endorsed for Teams, vouching for the activity's service URL, from an allowed tenant, gets in.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TeamsTokenTests
{
    private const string Command = "access web-1 disk full on /var";

    [Test]
    public async Task A_valid_token_gets_the_command_run_and_answered()
    {
        await using var world = await TeamsWorld.StartAsync();

        var answer = await world.SayAsync("dev@example.com", Command);

        Assert.That(TeamsWorld.Text(answer.Card), Does.Contain("ar-"));
        Assert.That(await world.Host.Get<IAccessRequestStore>().ListAsync(new RequestQuery(Limit: 10)), Has.Count.EqualTo(1));
    }

    private static IEnumerable<TestCaseData> BadTokens()
    {
        TestCaseData Case(string name, Func<BotFrameworkStandIn, string?> token) => new TestCaseData(name, token).SetName($"A_token_with_{name}_gets_401_and_changes_nothing");
        yield return Case("the_wrong_audience", s => s.MintToken(new InboundToken { Audience = "00000000-1111-2222-3333-444444444444" }));
        yield return Case("the_connectors_audience", s => s.MintToken(new InboundToken { Audience = "https://api.botframework.com" }));
        yield return Case("the_wrong_issuer", s => s.MintToken(new InboundToken { Issuer = "https://api.botframework.example" }));
        yield return Case("an_expiry_past_the_skew", s => s.MintToken(new InboundToken { NotBefore = s.Now.AddHours(-2), Expires = s.Now.AddMinutes(-6) }));
        yield return Case("a_start_beyond_the_skew", s => s.MintToken(new InboundToken { NotBefore = s.Now.AddMinutes(6), Expires = s.Now.AddHours(1) }));
        yield return Case("an_unknown_key_id", s => s.MintToken(new InboundToken { Kid = "unpublished-key" }));
        yield return Case("a_key_not_endorsed_for_msteams", s => s.MintToken(new InboundToken { Kid = "skype-key" }));
        yield return Case("a_forged_signature", s => s.MintToken(new InboundToken { Forged = true }));
        yield return Case("another_serviceurl", s => s.MintToken(new InboundToken { ServiceUrl = "https://smba.trafficmanager.net/emea/" }));
        yield return Case("no_serviceurl", s => s.MintToken(new InboundToken { ServiceUrl = null }));
        yield return Case("no_token_at_all", _ => null);
        yield return Case("a_basic_scheme", _ => "Basic ZGV2OmRldg==");
    }

    [TestCaseSource(nameof(BadTokens))]
    public async Task A_bad_token_gets_401_and_changes_nothing(string name, Func<BotFrameworkStandIn, string?> token)
    {
        await using var world = await TeamsWorld.StartAsync();
        var callsBefore = world.Teams.Calls.Count;

        var reply = await world.SendAsync(TeamsActivities.PersonalMessage(world.Teams, world.Person("dev@example.com"), Command), token(world.Teams));

        Assert.That(reply.Status, Is.EqualTo(401), name);
        await AssertNothingChangedAsync(world, callsBefore);
    }

    [Test]
    public async Task An_activity_from_a_tenant_not_allowed_gets_401_and_changes_nothing()
    {
        await using var world = await TeamsWorld.StartAsync();
        var callsBefore = world.Teams.Calls.Count;

        var reply = await world.SendAsync(TeamsActivities.PersonalMessage(world.Teams, world.Person("dev@example.com"), Command,
            TeamsActivities.Tenant("0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0")));

        Assert.That(reply.Status, Is.EqualTo(401));
        await AssertNothingChangedAsync(world, callsBefore);
    }

    [Test]
    public async Task A_forged_service_url_never_receives_the_bots_token()
    {
        await using var world = await TeamsWorld.StartAsync();
        // The token vouches for the stand-in's service URL; the activity names another, which would receive the answer.
        var activity = TeamsActivities.PersonalMessage(world.Teams, world.Person("dev@example.com"), Command,
            TeamsActivities.ServiceUrl(world.Teams.RegionalServiceUrl("evil").ToString()));

        var reply = await world.SendAsync(activity, world.Teams.MintToken());

        Assert.That(reply.Status, Is.EqualTo(401));
        await Flow.WaitUntilQuietAsync(world.Host);
        Assert.That(world.Teams.Calls.Where(c => c.ServiceUrl.Contains("/evil/", StringComparison.Ordinal)), Is.Empty);
        Assert.That(await world.Host.Get<IAccessRequestStore>().ListAsync(new RequestQuery(Limit: 10)), Is.Empty, "no request was stored");
    }

    [Test]
    public async Task A_signing_key_published_later_is_fetched_for_an_unknown_key_id_at_most_once_a_minute()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var world = await TeamsWorld.StartAsync(time: time);
        var fetches = world.Teams.KeyFetches;
        world.Teams.PublishKey("unpublished-key");
        var token = world.Teams.MintToken(new InboundToken { Kid = "unpublished-key" });

        var soon = await world.SendAsync(TeamsActivities.PersonalMessage(world.Teams, world.Person("dev@example.com"), "access help"), token);
        time.Advance(TimeSpan.FromMinutes(1.5));
        token = world.Teams.MintToken(new InboundToken { Kid = "unpublished-key" });
        var later = await world.SendAsync(TeamsActivities.PersonalMessage(world.Teams, world.Person("dev@example.com"), "access help"), token);

        Assert.Multiple(() =>
        {
            Assert.That(soon.Status, Is.EqualTo(401), "within a minute of the last fetch an unknown key id is refused without fetching");
            Assert.That(later.Status, Is.EqualTo(200), "after a minute the unknown key id makes the bot fetch the keys again");
            Assert.That(world.Teams.KeyFetches - fetches, Is.EqualTo(1), "one fetch for both tokens");
        });
    }

    private static async Task AssertNothingChangedAsync(TeamsWorld world, int callsBefore)
    {
        Assert.That(await world.Host.Get<IAccessRequestStore>().ListAsync(new RequestQuery(Limit: 10)), Is.Empty, "no request was stored");
        await Flow.WaitUntilQuietAsync(world.Host);
        Assert.That(world.Teams.Calls.Skip(callsBefore).Where(c => c.Path.Contains("/v3/", StringComparison.Ordinal)), Is.Empty, "nothing was posted or looked up");
    }
}
