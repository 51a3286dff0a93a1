using System.Text;
using ChatOpsJit.Slack.Signing;
using ChatOpsJit.Testing.Slack;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Slack.Tests.Adapter;

/// <summary>Slack's v0 signature: the documented example verifies, and every way of getting it wrong is refused.</summary>
public sealed class SlackSignatureVerifierTests
{
    // Slack's own example (docs: verifying requests from Slack).
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackSignatureVerifier At(long seconds) => new(Secret, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(seconds)));

    [Test]
    public void Slacks_documented_example_verifies() =>
        Assert.That(At(1531420618 + 10).Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body)), Is.Null);

    [TestCase(299, true)]
    [TestCase(300, true)]
    [TestCase(301, false)]
    [TestCase(-300, true)]
    [TestCase(-301, false)]
    public void The_timestamp_may_be_at_most_five_minutes_old_or_ahead(int skewSeconds, bool accepted)
    {
        var verifier = At(1531420618 + skewSeconds);

        var problem = verifier.Verify(Timestamp, Signature, Encoding.UTF8.GetBytes(Body));

        Assert.That(problem, accepted ? Is.Null : Is.EqualTo("the request timestamp is more than five minutes from now"));
    }

    [TestCase(null, Signature, "missing X-Slack-Request-Timestamp or X-Slack-Signature")]
    [TestCase(Timestamp, null, "missing X-Slack-Request-Timestamp or X-Slack-Signature")]
    [TestCase("15314x0618", Signature, "X-Slack-Request-Timestamp is not a number of seconds")]
    [TestCase("-5", Signature, "X-Slack-Request-Timestamp is not a number of seconds")]
    [TestCase(Timestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "X-Slack-Signature is not a v0 signature")]
    [TestCase(Timestamp, "v0=a2114d57", "X-Slack-Signature is not a v0 signature")]
    [TestCase(Timestamp, "v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503", "the signature does not match")]
    [TestCase(Timestamp, "v0=b2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", "the signature does not match")]
    public void A_malformed_or_wrong_signature_is_refused_with_a_reason_safe_to_log(string? timestamp, string? signature, string expected) =>
        Assert.That(At(1531420618).Verify(timestamp, signature, Encoding.UTF8.GetBytes(Body)), Is.EqualTo(expected));

    [Test]
    public void One_changed_byte_of_the_body_breaks_the_signature()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        body[^1] ^= 1;

        Assert.That(At(1531420618).Verify(Timestamp, Signature, body), Is.EqualTo("the signature does not match"));
    }

    [Test]
    public void The_body_is_hashed_as_its_raw_bytes_so_non_ascii_text_verifies_as_slack_signed_it()
    {
        var body = "text=" + Uri.EscapeDataString("café ☕ 数据库");
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var (timestamp, signature) = SlackRequestSigner.Sign(Secret, body, now);

        Assert.That(new SlackSignatureVerifier(Secret, new FakeTimeProvider(now)).Verify(timestamp, signature, Encoding.UTF8.GetBytes(body)), Is.Null);
        Assert.That(new SlackSignatureVerifier("another-secret", new FakeTimeProvider(now)).Verify(timestamp, signature, Encoding.UTF8.GetBytes(body)),
            Is.EqualTo("the signature does not match"));
    }
}
