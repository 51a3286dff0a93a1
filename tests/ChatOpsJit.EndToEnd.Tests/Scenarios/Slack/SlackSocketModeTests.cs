using System.Diagnostics;
using System.Text.Json.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Slack;

/// <summary>Socket Mode: envelopes are answered in their acks, a lost connection is opened again, and a re-sent envelope acts once.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SlackSocketModeTests
{
    private const string Request = "web-1 disk full on /var for 2h";

    [Test]
    public async Task A_slash_command_envelope_is_acked_within_3_s_with_the_ephemeral_reply_and_the_card_is_posted()
    {
        await using var world = await SlackWorld.StartSocketModeAsync();
        await world.Slack.WaitForConnectionAsync(1);

        var waited = Stopwatch.StartNew();
        var envelope = await world.CommandEnvelopeAsync("dev@example.com", Request);
        var ack = await world.Slack.WaitForAckAsync(envelope);
        var ackedAfter = waited.Elapsed;

        var reply = ack["payload"] as JsonObject;
        Assert.Multiple(() =>
        {
            Assert.That(ackedAfter, Is.LessThan(TimeSpan.FromSeconds(3)), "Slack's three seconds");
            Assert.That((string?)reply?["response_type"], Is.EqualTo("ephemeral"), "the ack carries the answer, for the requester alone");
            Assert.That((string?)reply?["text"], Does.Contain("sent to"));
        });
        var id = Flow.RequestIdIn((string?)reply!["text"]);
        await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card");
    }

    [Test]
    public async Task An_approve_click_envelope_is_acked_and_grants_access_with_one_grant_dm()
    {
        await using var world = await SlackWorld.StartSocketModeAsync();
        await world.Slack.WaitForConnectionAsync(1);
        var id = await RequestAsync(world);
        var card = await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card");

        var waited = Stopwatch.StartNew();
        var click = await world.ClickEnvelopeAsync("lead@example.com", card, "approve");
        var ack = await world.Slack.WaitForAckAsync(click);
        Assert.That(waited.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)), "Slack's three seconds");
        Assert.That(ack["payload"], Is.Null, "a press is answered through its response_url, not in the ack");

        await Flow.WaitForStateAsync(world.Host, id, AccessRequestState.Active);
        await world.WaitForDirectAsync("dev@example.com", m => m.Text!.Contains("Access to web-1: Active"), "the grant DM");
        await Flow.WaitUntilQuietAsync(world.Host);
        Assert.That(world.Slack.MessagesIn(world.DirectChannel("dev@example.com")!).Count(m => m.Text!.Contains("Access to web-1: Active")), Is.EqualTo(1),
            "one grant DM");
    }

    [Test]
    public async Task A_dropped_socket_is_opened_again_and_the_new_one_is_answered()
    {
        await using var world = await SlackWorld.StartSocketModeAsync();
        await world.Slack.WaitForConnectionAsync(1);

        await world.Slack.DropSocketAsync();

        await world.Slack.WaitForConnectionAsync(2);
        await AnswersOnNewestConnectionAsync(world);
    }

    [Test]
    public async Task A_disconnect_message_makes_the_client_open_a_new_connection_that_is_answered()
    {
        await using var world = await SlackWorld.StartSocketModeAsync();
        await world.Slack.WaitForConnectionAsync(1);

        await world.Slack.SendDisconnectAsync();

        await world.Slack.WaitForConnectionAsync(2);
        Assert.That(world.Slack.ConnectionCount, Is.EqualTo(2));
        await AnswersOnNewestConnectionAsync(world);
    }

    [Test]
    public async Task A_command_envelope_sent_again_after_a_dropped_socket_is_answered_with_the_first_answer_and_acts_once()
    {
        var logs = new LogCapture();
        await using var world = await SlackWorld.StartSocketModeAsync(o => o.Logs = logs);
        await world.Slack.WaitForConnectionAsync(1);
        // The host is slow to ack this first command: Slack fails users.info twice, and the client retries it with backoff.
        world.Slack.FailNext("users.info", 503, times: 2);

        var envelope = await world.CommandEnvelopeAsync("dev@example.com", Request);
        await world.Slack.WaitForCallAsync(c => c.Method == "users.info" && c.StatusCode == 503, "the host handling the envelope");
        await world.Slack.DropSocketAsync();

        await world.Slack.WaitForConnectionAsync(2);
        var ack = await world.Slack.WaitForAckAsync(envelope);
        var reply = SlackWorld.Text(ack["payload"]);
        var id = Flow.RequestIdIn(reply);
        await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card");
        await Flow.WaitUntilQuietAsync(world.Host);

        var requests = await world.Host.Get<IAccessRequestStore>().ListAsync(new RequestQuery(RequesterEmail: "dev@example.com"));
        Assert.Multiple(() =>
        {
            Assert.That(logs.All, Does.Contain("Could not acknowledge a Socket Mode envelope"),
                "the first delivery was handled and its ack lost with the socket, so the second one was a repeat");
            Assert.That(world.Slack.Acks.Count(a => (string?)a["envelope_id"] == envelope), Is.EqualTo(1));
            Assert.That(reply, Does.Contain("sent to"), "the repeat is answered with the first answer, not as a second request for web-1");
            Assert.That(world.Slack.Calls.Where(c => c.Method == "users.info").Select(c => c.StatusCode), Is.EqualTo(new[] { 503, 503, 200 }),
                "the command was handled once: the host asked Slack who sent it until Slack answered, and never again");
            Assert.That(requests.Select(r => r.Id), Is.EqualTo(new[] { id }), "one request row");
            Assert.That(world.Slack.MessagesIn(SlackWorld.PlatformChannel).Count(m => m.Text!.Contains(id)), Is.EqualTo(1), "one approval card");
        });
    }

    private static async Task<string> RequestAsync(SlackWorld world)
    {
        var ack = await world.Slack.WaitForAckAsync(await world.CommandEnvelopeAsync("dev@example.com", Request));
        return Flow.RequestIdIn(SlackWorld.Text(ack["payload"]));
    }

    // A command on the connection the client opened last is acked with its answer.
    private static async Task AnswersOnNewestConnectionAsync(SlackWorld world)
    {
        var ack = await world.Slack.WaitForAckAsync(await world.CommandEnvelopeAsync("dev@example.com", "help"));
        Assert.That((string?)ack["payload"]?["response_type"], Is.EqualTo("ephemeral"));
    }
}
