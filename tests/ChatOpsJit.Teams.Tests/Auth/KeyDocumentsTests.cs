using System.Text.Json;
using ChatOpsJit.Teams.Auth;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsJit.Teams.Tests.Auth;

public sealed class KeyDocumentsTests
{
    private const string BotFrameworkStyleKey = """
        {"kty":"RSA","use":"sig","kid":"k1","x5t":"k1","n":"wHY5tX2e9CkG1zZzQ8Y1Kq3bqGZ0cXn0s2pE2wq4J6k","e":"AQAB","endorsements":["msteams","skype",7]}
        """;

    [Test]
    public void IdentityModel_8_23_keeps_endorsements_in_AdditionalData_as_a_JsonElement()
    {
        var set = new JsonWebKeySet($$"""{"keys":[{{BotFrameworkStyleKey}}]}""");

        var endorsements = set.Keys.Single().AdditionalData["endorsements"];

        Assert.That(endorsements, Is.InstanceOf<JsonElement>(), "not a string list: it has to be read as JSON");
        Assert.That(((JsonElement)endorsements).EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()),
            Is.EqualTo(new[] { "msteams", "skype" }));
    }

    [Test]
    public void Each_key_keeps_its_own_string_endorsements()
    {
        var (keys, problem, skipped) = KeyDocuments.ReadKeys($$"""
            {"keys":[{{BotFrameworkStyleKey}},{"kty":"RSA","kid":"k2","n":"AQAB","e":"AQAB"}]}
            """);

        Assert.That(problem, Is.Null);
        Assert.That(skipped, Is.Empty);
        Assert.That(keys!["k1"].Endorsements, Is.EqualTo(new[] { "msteams", "skype" }));
        Assert.That(keys["k2"].Endorsements, Is.Empty);
        Assert.That(keys["k1"].Key.KeyId, Is.EqualTo("k1"));
    }

    [Test]
    public void Keys_that_cannot_sign_a_Teams_token_are_skipped_and_a_duplicated_kid_is_dropped()
    {
        var (keys, _, skipped) = KeyDocuments.ReadKeys("""
            {"keys":[
              {"kty":"RSA","kid":"good","n":"AQAB","e":"AQAB","endorsements":["msteams"]},
              {"kty":"RSA","n":"AQAB","e":"AQAB"},
              {"kty":"EC","kid":"ec","crv":"P-256","x":"AQAB","y":"AQAB"},
              {"kty":"RSA","kid":"enc","use":"enc","n":"AQAB","e":"AQAB"},
              {"kty":"RSA","kid":"private","n":"AQAB","e":"AQAB","d":"AQAB"},
              {"kty":"RSA","kid":"twice","n":"AQAB","e":"AQAB","endorsements":["msteams"]},
              {"kty":"RSA","kid":"twice","n":"AQAB","e":"AQAB","endorsements":[]},
              "text"
            ]}
            """);

        Assert.That(keys!.Keys, Is.EqualTo(new[] { "good" }));
        Assert.That(skipped, Has.Count.EqualTo(6));
        Assert.That(skipped, Has.Some.Contains("twice"));
    }

    [TestCase("not json", "the JWKS is not JSON")]
    [TestCase("[]", "the JWKS has no keys array")]
    [TestCase("""{"keys":[]}""", "the JWKS has no usable RSA signing key")]
    public void A_JWKS_without_usable_keys_is_a_problem(string json, string problem)
    {
        var (keys, why, _) = KeyDocuments.ReadKeys(json);

        Assert.That(keys, Is.Null);
        Assert.That(why, Is.EqualTo(problem));
    }

    [TestCase("""{"issuer":"https://api.botframework.com","jwks_uri":"https://login.botframework.com/v1/.well-known/keys"}""", null)]
    [TestCase("""{"issuer":"https://api.botframework.com"}""", "the metadata has no jwks_uri")]
    [TestCase("""{"jwks_uri":"/relative/keys"}""", "the metadata's jwks_uri is not an absolute http(s) address")]
    [TestCase("""{"jwks_uri":"file:///etc/keys"}""", "the metadata's jwks_uri is not an absolute http(s) address")]
    [TestCase("""{"jwks_uri":42}""", "the metadata has no jwks_uri")]
    [TestCase("<html>", "the metadata is not JSON")]
    public void The_metadata_must_name_an_absolute_jwks_uri(string json, string? problem)
    {
        var (uri, why) = KeyDocuments.ReadMetadata(json);

        Assert.That(why, Is.EqualTo(problem));
        Assert.That(uri is null, Is.EqualTo(problem is not null));
    }
}
