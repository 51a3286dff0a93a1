using System.Text;
using ChatOpsJit.Teams.Auth;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsJit.Teams.Tests.Auth;

public sealed class BotFrameworkTokenValidatorTests
{
    [Test]
    public async Task A_Bot_Framework_token_for_this_bot_is_accepted_with_its_serviceurl_endorsements_and_claims()
    {
        using var world = new AuthWorld();

        var result = await world.ValidateTokenAsync(world.Token());

        Assert.That(result.Failure, Is.Null);
        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.Source, Is.EqualTo(TokenSource.BotFramework));
        Assert.That(result.Issuer, Is.EqualTo("https://api.botframework.com"));
        Assert.That(result.ServiceUrl, Is.EqualTo(AuthWorld.ServiceUrl));
        Assert.That(result.Endorsements, Is.EquivalentTo(new[] { "msteams", "skype", "webchat" }));
        Assert.That(result.Claims.Single(c => c.Type == "aud").Value, Is.EqualTo(AuthWorld.AppId));
        Assert.That(result.Claims.Single(c => c.Type == "serviceurl").Value, Is.EqualTo(AuthWorld.ServiceUrl), "claim names are not mapped");
    }

    [Test]
    public async Task The_scheme_is_matched_without_regard_to_case()
    {
        using var world = new AuthWorld();

        var result = await world.ValidateAsync("bearer " + world.Token());

        Assert.That(result.Failure, Is.Null);
    }

    [Test]
    public async Task A_token_for_another_app_is_refused()
    {
        using var world = new AuthWorld();

        var result = await world.ValidateTokenAsync(world.Token(s => s with { Audience = "11111111-2222-4333-8444-555555555555" }));

        Assert.That(result.Failure, Is.EqualTo("wrong audience"));
    }

    [Test]
    public async Task A_token_without_an_audience_is_refused()
    {
        using var world = new AuthWorld();

        var result = await world.ValidateTokenAsync(world.Token(s => s with { Audience = null }));

        Assert.That(result.Failure, Is.EqualTo("wrong audience"));
    }

    [Test]
    public async Task A_token_for_the_connector_audience_is_refused_even_when_validly_signed()
    {
        using var world = new AuthWorld();

        var result = await world.ValidateTokenAsync(world.Token(s => s with { Audience = "https://api.botframework.com" }));

        Assert.That(result.Failure, Is.EqualTo("audience is the connector's"));
    }

    [Test]
    public async Task A_token_listing_the_connector_audience_beside_this_app_is_refused()
    {
        using var world = new AuthWorld();

        var result = await world.ValidateTokenAsync(world.Token(s => s with { Audience = new[] { AuthWorld.AppId, "https://api.botframework.com" } }));

        Assert.That(result.Failure, Is.EqualTo("audience is the connector's"));
    }

    [TestCase("https://evil.example.com")]
    [TestCase("https://api.botframework.com/")]
    [TestCase("https://API.botframework.com")]
    [TestCase("")]
    public async Task A_token_from_another_issuer_is_refused_without_fetching_any_keys(string issuer)
    {
        using var world = new AuthWorld();

        var result = await world.ValidateTokenAsync(world.Token(s => s with { Issuer = issuer == "" ? null : issuer }));

        Assert.That(result.Failure, Is.EqualTo("wrong issuer"));
        Assert.That(world.Server.TotalRequests, Is.Zero);
    }

    [TestCase(-301, "token expired")]
    [TestCase(-299, null)]
    [TestCase(0, null)]
    public async Task Expiry_allows_five_minutes_of_clock_skew_on_the_injected_clock(int expiresInSeconds, string? failure)
    {
        using var world = new AuthWorld();
        var token = world.Token(s => s with { NotBefore = s.Now.AddHours(-1), Expires = s.Now.AddSeconds(expiresInSeconds) });

        var result = await world.ValidateTokenAsync(token);

        Assert.That(result.Failure, Is.EqualTo(failure));
    }

    [TestCase(301, "token not yet valid")]
    [TestCase(299, null)]
    public async Task Not_before_allows_five_minutes_of_clock_skew_on_the_injected_clock(int notBeforeInSeconds, string? failure)
    {
        using var world = new AuthWorld();
        var token = world.Token(s => s with { NotBefore = s.Now.AddSeconds(notBeforeInSeconds), Expires = s.Now.AddHours(1) });

        var result = await world.ValidateTokenAsync(token);

        Assert.That(result.Failure, Is.EqualTo(failure));
    }

    [Test]
    public async Task A_token_that_was_valid_is_refused_once_the_clock_passes_its_expiry_and_skew()
    {
        using var world = new AuthWorld();
        var token = world.Token();
        Assert.That((await world.ValidateTokenAsync(token)).Failure, Is.Null);

        world.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.That((await world.ValidateTokenAsync(token)).Failure, Is.EqualTo("token expired"));
    }

    [Test]
    public async Task A_token_without_an_expiry_is_refused()
    {
        using var world = new AuthWorld();

        var result = await world.ValidateTokenAsync(world.Token(s => s with { Expires = null }));

        Assert.That(result.Failure, Is.EqualTo("token has no expiry"));
    }

    [TestCase(null, "no bearer token")]
    [TestCase("", "no bearer token")]
    [TestCase("Bearer", "no bearer token")]
    [TestCase("Bearer   ", "no bearer token")]
    [TestCase("Basic dXNlcjpwYXNz", "not a bearer token")]
    [TestCase("Token abc.def.ghi", "not a bearer token")]
    [TestCase("Bearer not-a-jwt", "malformed token")]
    [TestCase("Bearer a.b.c", "malformed token")]
    [TestCase("Bearer eyJhbGciOiJSUzI1NiJ9.eyJ9.sig", "malformed token")]
    public async Task A_missing_or_unreadable_header_is_refused(string? header, string failure)
    {
        using var world = new AuthWorld();

        var result = await world.ValidateAsync(header);

        Assert.That(result.Failure, Is.EqualTo(failure));
        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public async Task An_oversized_token_is_refused_before_it_is_parsed()
    {
        using var world = new AuthWorld();

        var result = await world.ValidateAsync("Bearer " + new string('a', BotFrameworkTokenValidator.MaxTokenLength + 1));

        Assert.That(result.Failure, Is.EqualTo("token too large"));
    }

    [Test]
    public async Task An_unsigned_token_with_alg_none_is_refused()
    {
        using var world = new AuthWorld();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT","kid":"bf-teams"}""");
        var payload = Base64UrlEncoder.Encode(Payload(world));

        Assert.That((await world.ValidateTokenAsync($"{header}.{payload}.")).Failure, Is.EqualTo("algorithm not allowed"));
        Assert.That((await world.ValidateTokenAsync($"{header}.{payload}")).Failure, Is.Not.Null);
    }

    [Test]
    public async Task An_HS256_token_keyed_with_the_public_key_is_refused()
    {
        using var world = new AuthWorld();
        // The classic confusion: the published key's bytes used as an HMAC secret.
        var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(world.Teams.Jwk().ToJsonString())) { KeyId = "bf-teams" };
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var token = handler.CreateToken(world.Spec.Descriptor(new SigningCredentials(secret, SecurityAlgorithms.HmacSha256)));

        var result = await world.ValidateTokenAsync(token);

        Assert.That(result.Failure, Is.EqualTo("algorithm not allowed"));
    }

    [Test]
    public async Task A_token_signed_by_another_key_under_a_known_kid_is_refused()
    {
        using var world = new AuthWorld();
        using var impostor = new TestKey("bf-teams", "msteams");

        var result = await world.ValidateTokenAsync(world.Token(key: impostor));

        Assert.That(result.Failure, Is.EqualTo("bad signature"));
    }

    [Test]
    public async Task A_token_whose_payload_was_changed_after_signing_is_refused()
    {
        using var world = new AuthWorld();
        var parts = world.Token().Split('.');
        var forged = Base64UrlEncoder.Encode(Payload(world).Replace("smba.trafficmanager.net", "evil.example.com", StringComparison.Ordinal));

        var result = await world.ValidateTokenAsync($"{parts[0]}.{forged}.{parts[2]}");

        Assert.That(result.Failure, Is.EqualTo("bad signature"));
    }

    [Test]
    public async Task A_token_without_a_kid_is_refused()
    {
        using var world = new AuthWorld();

        var result = await world.ValidateTokenAsync(world.Teams.Mint(world.Spec, kid: null));

        Assert.That(result.Failure, Is.EqualTo("token has no key id"));
    }

    [Test]
    public async Task RS384_and_RS512_are_accepted_like_Microsofts_SDK()
    {
        using var world = new AuthWorld();

        Assert.That((await world.ValidateTokenAsync(world.Teams.Mint(world.Spec, algorithm: SecurityAlgorithms.RsaSha384))).Failure, Is.Null);
        Assert.That((await world.ValidateTokenAsync(world.Teams.Mint(world.Spec, algorithm: SecurityAlgorithms.RsaSha512))).Failure, Is.Null);
        Assert.That((await world.ValidateTokenAsync(world.Teams.Mint(world.Spec, algorithm: SecurityAlgorithms.RsaSsaPssSha256))).Failure, Is.EqualTo("algorithm not allowed"));
    }

    [TestCase("https://sts.windows.net/" + AuthWorld.TenantId + "/")]
    [TestCase("https://login.microsoftonline.com/" + AuthWorld.TenantId + "/v2.0")]
    public async Task An_Entra_token_from_the_bots_tenant_is_accepted_with_keys_from_the_tenants_metadata_and_no_endorsements(string issuer)
    {
        using var world = new AuthWorld();

        var result = await world.ValidateTokenAsync(world.Token(s => s with { Issuer = issuer, ServiceUrl = null }, world.Entra));

        Assert.That(result.Failure, Is.Null);
        Assert.That(result.Source, Is.EqualTo(TokenSource.Entra));
        Assert.That(result.Issuer, Is.EqualTo(issuer));
        Assert.That(result.Endorsements, Is.Empty);
        Assert.That(result.ServiceUrl, Is.Null);
        Assert.That(world.Server.Requests(world.Server.EntraJwks), Is.EqualTo(1));
        Assert.That(world.BotFrameworkMetadataFetches, Is.Zero);
    }

    [TestCase("https://sts.windows.net/" + AuthWorld.OtherTenant + "/")]
    [TestCase("https://login.microsoftonline.com/" + AuthWorld.OtherTenant + "/v2.0")]
    [TestCase("https://login.microsoftonline.com/common/v2.0")]
    public async Task An_Entra_token_from_another_tenant_is_refused(string issuer)
    {
        using var world = new AuthWorld();

        var result = await world.ValidateTokenAsync(world.Token(s => s with { Issuer = issuer }, world.Entra));

        Assert.That(result.Failure, Is.EqualTo("wrong issuer"));
    }

    [Test]
    public async Task The_key_sets_are_kept_apart_by_issuer()
    {
        using var world = new AuthWorld();

        var entraIssuerBotFrameworkKey = await world.ValidateTokenAsync(world.Token(s => s with { Issuer = $"https://sts.windows.net/{AuthWorld.TenantId}/" }));
        var botFrameworkIssuerEntraKey = await world.ValidateTokenAsync(world.Token(key: world.Entra));

        Assert.That(entraIssuerBotFrameworkKey.Failure, Is.EqualTo("signature key unknown"));
        Assert.That(botFrameworkIssuerEntraKey.Failure, Is.EqualTo("signature key unknown"));
    }

    [Test]
    public async Task The_token_appears_in_no_log_line()
    {
        using var world = new AuthWorld();
        var token = world.Token();
        var refused = world.Token(key: world.Entra);

        await world.ValidateTokenAsync(token);
        await world.ValidateTokenAsync(refused);

        Assert.That(world.Logs.All, Is.Not.Empty, "the key fetches were logged, so the search read real lines");
        foreach (var part in token.Split('.').Skip(1).Concat(refused.Split('.').Skip(1)))
        {
            Assert.That(world.Logs.All, Does.Not.Contain(part));
        }
    }

    private static string Payload(AuthWorld world)
    {
        var now = world.Time.GetUtcNow().ToUnixTimeSeconds();
        return $$"""{"iss":"https://api.botframework.com","aud":"{{AuthWorld.AppId}}","serviceurl":"{{AuthWorld.ServiceUrl}}","nbf":{{now - 60}},"exp":{{now + 3600}}}""";
    }
}
