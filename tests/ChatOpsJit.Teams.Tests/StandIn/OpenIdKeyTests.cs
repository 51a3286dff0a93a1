using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Teams;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsJit.Teams.Tests.StandIn;

/// <summary>The inbound-token side, checked the way a host checks it: IdentityModel reading the metadata, then the keys.</summary>
public sealed class OpenIdKeyTests : StandInTest
{
    [Test]
    public async Task The_metadata_leads_to_the_JWKS_and_a_minted_token_validates_with_the_published_key()
    {
        var config = await ConfigurationAsync(Teams.OpenIdMetadataUrl.ToString());
        var token = Teams.MintToken();

        var result = await ValidateAsync(token, config, BotFrameworkStandIn.BotFrameworkIssuer);

        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
        Assert.That(config.Issuer, Is.EqualTo("https://api.botframework.com"));
        Assert.That(config.JwksUri, Is.EqualTo(new Uri(Teams.BaseUrl, "v1/.well-known/keys").ToString()));
        Assert.That(config.SigningKeys.Select(k => k.KeyId), Is.EquivalentTo(new[] { "teams-key", "skype-key" }));
        var jwt = new JsonWebToken(token);
        Assert.That(jwt.Kid, Is.EqualTo("teams-key"));
        Assert.That(jwt.Alg, Is.EqualTo("RS256"));
        Assert.That(jwt.GetClaim("serviceurl").Value, Is.EqualTo(Teams.ServiceUrl.ToString()));
        Assert.That(jwt.Audiences, Is.EqualTo(new[] { AppId }));
        Assert.That((Teams.MetadataFetches, Teams.KeyFetches), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task A_token_signed_with_the_unpublished_key_finds_no_key_until_the_key_is_published()
    {
        var token = Teams.MintToken(new InboundToken { Kid = "unpublished-key" });

        var before = await ValidateAsync(token, await ConfigurationAsync(Teams.OpenIdMetadataUrl.ToString()), BotFrameworkStandIn.BotFrameworkIssuer);
        Teams.PublishKey("unpublished-key");
        var refetched = await ConfigurationAsync(Teams.OpenIdMetadataUrl.ToString());
        var after = await ValidateAsync(token, refetched, BotFrameworkStandIn.BotFrameworkIssuer);

        Assert.That(before.IsValid, Is.False);
        Assert.That(before.Exception, Is.InstanceOf<SecurityTokenSignatureKeyNotFoundException>());
        Assert.That(after.IsValid, Is.True, after.Exception?.Message);
        Assert.That(refetched.SigningKeys.Select(k => k.KeyId), Does.Contain("unpublished-key"));
        Assert.That(Teams.KeyFetches, Is.EqualTo(2));
    }

    [Test]
    public async Task The_JWKS_carries_each_keys_endorsements_where_IdentityModel_keeps_unknown_members()
    {
        var raw = JsonNode.Parse(await Http.GetStringAsync(new Uri(Teams.BaseUrl, "v1/.well-known/keys")))!;
        var keys = raw["keys"]!.AsArray().ToDictionary(k => k!["kid"]!.GetValue<string>(), k => k!.AsObject());
        var parsed = new JsonWebKeySet(raw.ToJsonString()).Keys.ToDictionary(k => k.Kid);

        Assert.That(keys.Keys, Is.EquivalentTo(new[] { "teams-key", "skype-key" }));
        Assert.That(Endorsements(keys["teams-key"]), Is.EqualTo(new[] { "msteams" }));
        Assert.That(Endorsements(keys["skype-key"]), Is.EqualTo(new[] { "skype", "webchat" }));
        Assert.That(keys["teams-key"]["kty"]!.GetValue<string>(), Is.EqualTo("RSA"));
        Assert.That(keys["teams-key"]["use"]!.GetValue<string>(), Is.EqualTo("sig"));
        Assert.That(parsed["teams-key"].AdditionalData.ContainsKey("endorsements"), Is.True);
    }

    [Test]
    public async Task The_tenants_Entra_metadata_has_its_own_key_and_an_Entra_token_validates_with_it()
    {
        var config = await ConfigurationAsync(Teams.EntraOpenIdMetadataUrl);
        var token = Teams.MintToken(new InboundToken { Issuer = Teams.EntraIssuer, Kid = "entra-key" });

        var result = await ValidateAsync(token, config, Teams.EntraIssuer);
        var withBotFrameworkKeys = await ValidateAsync(token, await ConfigurationAsync(Teams.OpenIdMetadataUrl.ToString()), Teams.EntraIssuer);

        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
        Assert.That(config.Issuer, Is.EqualTo($"https://login.microsoftonline.com/{TenantId}/v2.0"));
        Assert.That(config.TokenEndpoint, Is.EqualTo(Teams.TokenEndpoint));
        Assert.That(config.SigningKeys.Select(k => k.KeyId), Is.EqualTo(new[] { "entra-key" }));
        Assert.That(new JsonWebToken(token).GetClaim("tid").Value, Is.EqualTo(TenantId));
        Assert.That(withBotFrameworkKeys.IsValid, Is.False);
        Assert.That((Teams.EntraMetadataFetches, Teams.EntraKeyFetches), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task A_forged_token_names_a_published_kid_but_its_signature_does_not_verify()
    {
        var config = await ConfigurationAsync(Teams.OpenIdMetadataUrl.ToString());

        var result = await ValidateAsync(Teams.MintToken(new InboundToken { Forged = true }), config, BotFrameworkStandIn.BotFrameworkIssuer);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Exception, Is.InstanceOf<SecurityTokenInvalidSignatureException>());
    }

    [Test]
    public void Minted_times_come_from_the_stand_ins_clock_and_every_claim_can_be_changed_or_left_out()
    {
        Time.SetUtcNow(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var now = Time.GetUtcNow();

        var plain = new JsonWebToken(Teams.MintToken());
        var changed = new JsonWebToken(Teams.MintToken(new InboundToken
        {
            Audience = "someone-else",
            ServiceUrl = null,
            Expires = now.AddMinutes(-10),
            ExtraClaims = new Dictionary<string, object> { ["appid"] = "x" },
            OmitClaims = ["nbf"],
        }));

        Assert.That(plain.ValidFrom, Is.EqualTo(now.AddMinutes(-1).UtcDateTime));
        Assert.That(plain.ValidTo, Is.EqualTo(now.AddHours(1).UtcDateTime));
        Assert.That(plain.Claims.Select(c => c.Type), Is.EquivalentTo(new[] { "iss", "aud", "nbf", "exp", "serviceurl" }));
        Assert.That(changed.Audiences, Is.EqualTo(new[] { "someone-else" }));
        Assert.That(changed.ValidTo, Is.EqualTo(now.AddMinutes(-10).UtcDateTime));
        Assert.That(changed.Claims.Select(c => c.Type), Is.EquivalentTo(new[] { "iss", "aud", "exp", "appid" }));
    }

    [Test]
    public async Task Metadata_of_another_tenant_is_Entras_invalid_tenant()
    {
        using var response = await Http.GetAsync(new Uri(Teams.BaseUrl, "00000000-0000-0000-0000-00000000dead/v2.0/.well-known/openid-configuration"));
        var reply = await Reply.ReadAsync(response);

        Assert.That((int)reply.Status, Is.EqualTo(400));
        Assert.That(reply.Text("error"), Is.EqualTo("invalid_tenant"));
        Assert.That(reply.Text("error_description"), Does.StartWith("AADSTS90002:"));
    }

    private async Task<OpenIdConnectConfiguration> ConfigurationAsync(string metadataUrl)
    {
        var manager = new ConfigurationManager<OpenIdConnectConfiguration>(
            metadataUrl, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever(Http) { RequireHttps = false });
        return await manager.GetConfigurationAsync(CancellationToken.None);
    }

    private static Task<TokenValidationResult> ValidateAsync(string token, OpenIdConnectConfiguration config, string issuer) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = AppId,
            IssuerSigningKeys = config.SigningKeys,
            ClockSkew = TimeSpan.FromMinutes(5),
            RequireSignedTokens = true,
        });

    private static string[] Endorsements(JsonObject key) => key["endorsements"]!.AsArray().Select(e => e!.GetValue<string>()).ToArray();
}
