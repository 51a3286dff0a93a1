using System.Security.Claims;
using ChatOpsJit.Teams.Auth;

namespace ChatOpsJit.Teams.Tests.Auth;

public sealed class ActivityAuthorizationTests
{
    private static readonly TeamsOptions Options = new() { AppId = AuthWorld.AppId, AppPassword = "x", TenantId = AuthWorld.TenantId };

    [Test]
    public async Task A_Teams_activity_with_a_valid_endorsed_token_is_authorized()
    {
        using var world = new AuthWorld();
        var token = await world.ValidateTokenAsync(world.Token());

        Assert.That(ActivityAuthorization.Check(token, "msteams", AuthWorld.ServiceUrl, AuthWorld.TenantId, Options), Is.Null);
    }

    [Test]
    public async Task A_key_not_endorsed_for_msteams_is_refused()
    {
        using var world = new AuthWorld();
        var token = await world.ValidateTokenAsync(world.Token(key: world.SkypeOnly));
        Assert.That(token.Succeeded, Is.True, "the signature itself is good");

        Assert.That(ActivityAuthorization.Check(token, "msteams", AuthWorld.ServiceUrl, AuthWorld.TenantId, Options), Is.EqualTo("signing key not endorsed for msteams"));
    }

    [TestCase("skype")]
    [TestCase("MsTeams")]
    [TestCase("webchat")]
    [TestCase(null)]
    public void A_channel_other_than_msteams_is_refused_even_when_the_key_is_endorsed_for_it(string? channel)
    {
        var token = BotFramework(endorsements: ["msteams", "skype", "webchat"]);

        Assert.That(ActivityAuthorization.Check(token, channel, AuthWorld.ServiceUrl, AuthWorld.TenantId, Options), Is.EqualTo("channel is not msteams"));
    }

    [TestCase("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net/emea/")]
    [TestCase("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net/emea")]
    [TestCase("https://smba.trafficmanager.net/emea", "https://smba.trafficmanager.net/emea/")]
    [TestCase("https://SMBA.trafficmanager.net/EMEA/", "https://smba.trafficmanager.net/emea/")]
    public void The_serviceurl_claim_matches_ignoring_case_and_one_trailing_slash(string claim, string activity)
    {
        Assert.That(ActivityAuthorization.Check(BotFramework(serviceUrl: claim), "msteams", activity, AuthWorld.TenantId, Options), Is.Null);
    }

    [TestCase("https://evil.example.com/emea/")]
    [TestCase("https://smba.trafficmanager.net/amer/")]
    [TestCase("https://smba.trafficmanager.net/emea//")]
    public void A_serviceurl_other_than_the_tokens_is_refused(string activity)
    {
        Assert.That(ActivityAuthorization.Check(BotFramework(), "msteams", activity, AuthWorld.TenantId, Options), Is.EqualTo("serviceurl does not match"));
    }

    [Test]
    public async Task A_Bot_Framework_token_without_a_serviceurl_claim_is_refused()
    {
        using var world = new AuthWorld();
        var token = await world.ValidateTokenAsync(world.Token(s => s with { ServiceUrl = null }));
        Assert.That(token.Succeeded, Is.True);

        Assert.That(ActivityAuthorization.Check(token, "msteams", AuthWorld.ServiceUrl, AuthWorld.TenantId, Options), Is.EqualTo("token has no serviceurl"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("http://smba.trafficmanager.net/emea/")]
    [TestCase("/emea/")]
    public void An_activity_serviceUrl_that_is_missing_or_not_https_is_refused(string? activity)
    {
        var token = BotFramework(serviceUrl: activity ?? AuthWorld.ServiceUrl);

        Assert.That(ActivityAuthorization.Check(token, "msteams", activity, AuthWorld.TenantId, Options), Is.EqualTo("activity serviceUrl missing or not https"));
    }

    [Test]
    public async Task An_Entra_token_needs_no_endorsements_but_its_serviceurl_claim_must_be_there_and_match()
    {
        using var world = new AuthWorld();
        var issuer = $"https://sts.windows.net/{AuthWorld.TenantId}/";
        var bare = await world.ValidateTokenAsync(world.Token(s => s with { Issuer = issuer, ServiceUrl = null }, world.Entra));
        var withUrl = await world.ValidateTokenAsync(world.Token(s => s with { Issuer = issuer }, world.Entra));

        // A client-credentials token of any app in the tenant has the bot's audience and issuer, but no serviceurl claim.
        Assert.That(ActivityAuthorization.Check(bare, "msteams", AuthWorld.ServiceUrl, AuthWorld.TenantId, Options), Is.EqualTo("token has no serviceurl"));
        Assert.That(ActivityAuthorization.Check(withUrl, "msteams", AuthWorld.ServiceUrl, AuthWorld.TenantId, Options), Is.Null);
        Assert.That(ActivityAuthorization.Check(withUrl, "msteams", "https://evil.example.com/", AuthWorld.TenantId, Options), Is.EqualTo("serviceurl does not match"));
        Assert.That(ActivityAuthorization.Check(withUrl, "skype", AuthWorld.ServiceUrl, AuthWorld.TenantId, Options), Is.EqualTo("channel is not msteams"));
    }

    [TestCase(AuthWorld.OtherTenant, "tenant not allowed")]
    [TestCase(null, "activity has no tenant")]
    [TestCase("", "activity has no tenant")]
    [TestCase("0F1E2D3C-4B5A-4978-8796-A5B4C3D2E1F0", null)]
    public void Only_the_bots_own_tenant_is_allowed_when_none_are_listed(string? tenant, string? failure)
    {
        Assert.That(ActivityAuthorization.Check(BotFramework(), "msteams", AuthWorld.ServiceUrl, tenant, Options), Is.EqualTo(failure));
    }

    [Test]
    public void A_listed_tenant_is_allowed_and_the_bots_own_then_only_if_listed()
    {
        var options = new TeamsOptions { AppId = AuthWorld.AppId, AppPassword = "x", TenantId = AuthWorld.TenantId, AllowedTenants = [AuthWorld.OtherTenant] };

        Assert.That(ActivityAuthorization.Check(BotFramework(), "msteams", AuthWorld.ServiceUrl, AuthWorld.OtherTenant, options), Is.Null);
        Assert.That(ActivityAuthorization.Check(BotFramework(), "msteams", AuthWorld.ServiceUrl, AuthWorld.TenantId, options), Is.EqualTo("tenant not allowed"));
    }

    [Test]
    public void A_refused_token_authorizes_nothing()
    {
        Assert.That(ActivityAuthorization.Check(TokenValidation.Fail("token expired"), "msteams", AuthWorld.ServiceUrl, AuthWorld.TenantId, Options),
            Is.EqualTo("the token was not validated"));
    }

    private static TokenValidation BotFramework(string serviceUrl = AuthWorld.ServiceUrl, IReadOnlyList<string>? endorsements = null) =>
        TokenValidation.Success(TokenSource.BotFramework, "https://api.botframework.com", serviceUrl, endorsements ?? ["msteams"], [new Claim("serviceurl", serviceUrl)]);
}
