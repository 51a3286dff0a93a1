using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.Slack.Tests.StandIn;

public sealed class SlackRequestSignerTests
{
    // Slack's own example ("Verifying requests from Slack", docs.slack.dev): a slash command body, its timestamp and
    // the signature Slack computed. Matching it proves the base string is built exactly as Slack builds it.
    private const string DocSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const long DocTimestamp = 1531420618;
    private const string DocSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private const string DocBody =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
        + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
        + "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private static readonly DateTimeOffset DocTime = DateTimeOffset.FromUnixTimeSeconds(DocTimestamp);

    private static readonly KeyValuePair<string, string>[] DocFields =
    [
        new("token", "xyzz0WbapA4vBCDEFasx0q6G"),
        new("team_id", "T1DC2JH3J"),
        new("team_domain", "testteamnow"),
        new("channel_id", "G8PSS9T3V"),
        new("channel_name", "foobar"),
        new("user_id", "U2CERLKJA"),
        new("user_name", "roadrunner"),
        new("command", "/webhook-collect"),
        new("text", ""),
        new("response_url", "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN"),
        new("trigger_id", "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"),
    ];

    [Test]
    public void Sign_reproduces_Slacks_documented_example()
    {
        var (timestamp, signature) = SlackRequestSigner.Sign(DocSecret, DocBody, DocTime);

        Assert.That(timestamp, Is.EqualTo("1531420618"));
        Assert.That(signature, Is.EqualTo(DocSignature));
    }

    [Test]
    public async Task SignedForm_writes_the_documented_body_byte_for_byte_with_both_headers()
    {
        using var request = SlackRequestSigner.SignedForm("http://app/slack/commands", DocSecret, DocFields, DocTime);

        Assert.That(await request.Content!.ReadAsStringAsync(), Is.EqualTo(DocBody));
        Assert.That(request.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/x-www-form-urlencoded"));
        Assert.That(request.Headers.GetValues("X-Slack-Request-Timestamp").Single(), Is.EqualTo("1531420618"));
        Assert.That(request.Headers.GetValues("X-Slack-Signature").Single(), Is.EqualTo(DocSignature));
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
    }

    [Test]
    public async Task SignedJson_signs_the_exact_JSON_it_sends()
    {
        var at = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        using var request = SlackRequestSigner.SignedJson("http://app/slack/events", "secret", SlackPayloads.UrlVerification("c-1"), at);

        var body = await request.Content!.ReadAsStringAsync();
        Assert.That(request.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(JsonNode.Parse(body)?["challenge"]?.GetValue<string>(), Is.EqualTo("c-1"));
        Assert.That(request.Headers.GetValues("X-Slack-Signature").Single(), Is.EqualTo(Reference("secret", at.ToUnixTimeSeconds(), body)));
    }

    [Test]
    public async Task SignedInteraction_sends_the_payload_field_Slack_sends()
    {
        var at = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var payload = new JsonObject { ["type"] = "block_actions", ["note"] = "a & b = c?" };
        using var request = SlackRequestSigner.SignedInteraction("http://app/slack/interactions", "secret", payload, at);

        var body = await request.Content!.ReadAsStringAsync();
        var fields = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body);
        Assert.That(fields.Keys, Is.EqualTo(new[] { "payload" }));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(fields["payload"].ToString()), payload), Is.True);
        Assert.That(request.Headers.GetValues("X-Slack-Signature").Single(), Is.EqualTo(Reference("secret", at.ToUnixTimeSeconds(), body)));
    }

    [Test]
    public void AsRetry_adds_Slacks_retry_headers()
    {
        using var request = SlackRequestSigner.SignedJson("http://app/slack/events", "secret", [], DateTimeOffset.UnixEpoch).AsRetry(2);

        Assert.That(request.Headers.GetValues("X-Slack-Retry-Num").Single(), Is.EqualTo("2"));
        Assert.That(request.Headers.GetValues("X-Slack-Retry-Reason").Single(), Is.EqualTo("http_timeout"));
    }

    [Test]
    public void A_different_secret_timestamp_or_body_gives_a_different_signature()
    {
        var signature = SlackRequestSigner.Sign(DocSecret, DocBody, DocTime).Signature;

        Assert.That(SlackRequestSigner.Sign(DocSecret + "x", DocBody, DocTime).Signature, Is.Not.EqualTo(signature));
        Assert.That(SlackRequestSigner.Sign(DocSecret, DocBody, DocTime.AddSeconds(1)).Signature, Is.Not.EqualTo(signature));
        Assert.That(SlackRequestSigner.Sign(DocSecret, DocBody + " ", DocTime).Signature, Is.Not.EqualTo(signature));
    }

    /// <summary>Slack's algorithm written out independently (as in Slack's Python SDK): hmac(secret, "v0:ts:body").hexdigest().</summary>
    private static string Reference(string secret, long timestamp, string body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var digest = hmac.ComputeHash(Encoding.UTF8.GetBytes("v0:" + timestamp + ":" + body));
        return "v0=" + string.Concat(digest.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
