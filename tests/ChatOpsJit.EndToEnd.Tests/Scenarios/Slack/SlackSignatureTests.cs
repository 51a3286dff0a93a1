using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Slack;

/// <summary>
/// Every Slack endpoint verifies the signature over the raw body before anything is parsed: a forged, stale, future,
/// missing or altered request gets 401 and changes nothing (no row, no audit record, no Slack call, no body in the logs).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SlackSignatureTests
{
    // A word that appears only in the refused bodies, so the logs can be searched for any trace of them.
    private const string Marker = "zebra-canary-7731";

    private static readonly string[] Endpoints = ["/slack/commands", "/slack/interactions", "/slack/options", "/slack/events"];

    public enum Attack { ForgedSignature, WrongSecret, StaleTimestamp, FutureTimestamp, MissingSignature, MissingTimestamp, AlteredBody, NotHex }

    [Test]
    public async Task A_request_that_is_not_signed_by_slack_gets_401_and_has_no_side_effect_on_any_endpoint([Values] Attack attack)
    {
        var logs = new LogCapture();
        await using var world = await SlackWorld.StartAsync(o => o.Logs = logs);
        var before = await SideEffectsAsync(world);

        foreach (var path in Endpoints)
        {
            using var request = Forge(world, path, attack);
            using var response = await world.Host.Http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{attack} on {path}");
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain(Marker), "the refusal echoes nothing");
        }

        await Flow.WaitUntilQuietAsync(world.Host);
        Assert.That(await SideEffectsAsync(world), Is.EqualTo(before), "no row, no audit record, no Slack call");
        Assert.That(logs.All, Does.Not.Contain(Marker), "no log line holds the body");
        Assert.That(logs.Lines, Has.Some.Contains("Refused a request to /slack/commands"), "the refusal is logged, by reason");
    }

    [Test]
    public async Task The_same_request_properly_signed_is_accepted_so_the_refusals_above_are_the_signatures_doing()
    {
        await using var world = await SlackWorld.StartAsync();

        var (response, body) = await world.CommandAsync("dev@example.com", $"web-1 {Marker}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)body!["text"], Does.Contain("sent to"));
        var stored = await world.Host.Get<IAccessRequestStore>().ListAsync(new RequestQuery(Limit: 10));
        Assert.That(stored.Select(r => r.Reason), Is.EqualTo(new[] { Marker }));
    }

    private static HttpRequestMessage Forge(SlackWorld world, string path, Attack attack)
    {
        var now = world.Now;
        var body = path switch
        {
            "/slack/commands" => SlackRequestSigner.FormBody(SlackPayloads.SlashCommand(world.UserId("dev@example.com"), $"web-1 {Marker}",
                world.Slack.NewResponseUrl(), world.Slack.NewTriggerId())),
            "/slack/events" => SlackPayloads.EventCallback(new JsonObject { ["type"] = "app_home_opened", ["user"] = world.UserId("dev@example.com"), ["tab"] = "home", ["note"] = Marker }, "Ev" + Marker).ToJsonString(),
            _ => SlackRequestSigner.FormBody([new("payload", SlackPayloads.BlockActions(world.UserId("lead@example.com"), "approve:ar-00000000", "ar-00000000",
                world.Slack.NewResponseUrl(), world.Slack.NewTriggerId(), "C0PLATFORM1", "1.1", blockId: Marker).ToJsonString())]),
        };
        var signedAt = attack switch
        {
            Attack.StaleTimestamp => now.AddMinutes(-5).AddSeconds(-2),
            Attack.FutureTimestamp => now.AddMinutes(5).AddSeconds(2),
            _ => now,
        };
        var secret = attack == Attack.WrongSecret ? "not-the-signing-secret" : SlackWorld.SigningSecret;
        var (timestamp, signature) = SlackRequestSigner.Sign(secret, body, signedAt);
        signature = attack switch
        {
            Attack.ForgedSignature => "v0=" + new string('0', 64),
            Attack.NotHex => "v0=" + new string('z', 64),
            _ => signature,
        };
        var sent = attack == Attack.AlteredBody ? body.Replace("web-1", "web-2", StringComparison.Ordinal).Replace("approve", "reject", StringComparison.Ordinal).Replace("app_home", "app_away", StringComparison.Ordinal) : body;
        var request = new HttpRequestMessage(HttpMethod.Post, world.Host.BaseUrl + path)
        {
            Content = new StringContent(sent, Encoding.UTF8, path == "/slack/events" ? "application/json" : "application/x-www-form-urlencoded"),
        };
        if (attack != Attack.MissingTimestamp)
        {
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        }

        if (attack != Attack.MissingSignature)
        {
            request.Headers.Add("X-Slack-Signature", signature);
        }

        return request;
    }

    private static async Task<(int Rows, long AuditHead, int SlackCalls)> SideEffectsAsync(SlackWorld world)
    {
        var rows = (await world.Host.Get<IAccessRequestStore>().ListAsync(new RequestQuery(Limit: 1000))).Count;
        var head = (await world.Host.Get<IAuditLog>().ReadHeadAsync())?.Sequence ?? 0;
        return (rows, head, world.Slack.Calls.Count);
    }
}
