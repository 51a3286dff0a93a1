using System.Diagnostics;
using System.Net;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Testing.Slack;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Slack;

/// <summary>Slack rate-limited, down or slow: every notification still arrives, once, and every command is still answered.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SlackResilienceTests
{
    private const string Request = "web-1 disk full on /var for 2h";

    [Test]
    public async Task A_short_rate_limit_is_waited_out_as_Retry_After_says_and_the_card_is_posted_once()
    {
        await using var world = await SlackWorld.StartAsync();
        world.Slack.FailNext("chat.postMessage", 429, TimeSpan.FromSeconds(1));

        var (_, body) = await world.CommandAsync("dev@example.com", Request);
        var id = Flow.RequestIdIn((string?)body!["text"]);
        await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card");
        await Flow.WaitUntilQuietAsync(world.Host);

        var posts = world.Slack.Calls.Where(c => c.Method == "chat.postMessage" && c.Arg("channel") == SlackWorld.PlatformChannel).ToList();
        Assert.That(posts.Select(p => p.StatusCode), Is.EqualTo(new[] { 429, 200 }), "the card's post was rate limited, then tried again");
        Assert.Multiple(() =>
        {
            Assert.That(posts[1].ReceivedAt - posts[0].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), "the second attempt waited out Retry-After");
            Assert.That(world.Slack.MessagesIn(SlackWorld.PlatformChannel).Count(m => m.Text!.Contains(id)), Is.EqualTo(1), "one card");
        });
    }

    [Test]
    public async Task A_long_rate_limit_is_not_waited_out_in_the_call_and_the_outbox_posts_the_card_once_after_Retry_After()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        await using var world = await SlackWorld.StartAsync(o => o.Time = time);
        world.Slack.FailNext("chat.postMessage", 429, TimeSpan.FromSeconds(30));

        var (_, body) = await world.CommandAsync("dev@example.com", Request);
        var id = Flow.RequestIdIn((string?)body!["text"]);
        var limited = await world.Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.StatusCode == 429, "the rate-limited card post");
        Assert.That(limited.Arg("channel"), Is.EqualTo(SlackWorld.PlatformChannel), "the card is the first post");

        // The approvers' DMs come after the card in the same outbox pass: once they are in, the card's attempt is over.
        await world.WaitForDirectAsync("lead@example.com", m => m.Text!.Contains(id), "the first approver's DM");
        await world.WaitForDirectAsync("ops@example.com", m => m.Text!.Contains(id), "the second approver's DM");
        Assert.That(CardPosts(world), Has.Count.EqualTo(1), "the client threw the rate limit back at once instead of waiting 30 s");

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Multiple(async () =>
        {
            Assert.That(await world.DeliverDueNotificationsAsync(), Is.Zero, "nothing is due a second before Retry-After runs out");
            Assert.That(CardPosts(world), Has.Count.EqualTo(1), "not posted again before Retry-After");
            Assert.That(world.Slack.MessagesIn(SlackWorld.PlatformChannel), Is.Empty);
        });

        // Stepped, not one jump: a dispatcher that was between passes at the jump waits on the fake clock for its next one.
        await world.AdvanceUntilDeliveredAsync(time, TimeSpan.FromSeconds(1));
        await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card, after Retry-After");
        await Flow.WaitUntilQuietAsync(world.Host);
        Assert.Multiple(() =>
        {
            Assert.That(CardPosts(world).Select(c => c.StatusCode), Is.EqualTo(new[] { 429, 200 }));
            Assert.That(world.Slack.MessagesIn(SlackWorld.PlatformChannel).Count(m => m.Text!.Contains(id)), Is.EqualTo(1), "one card");
        });
    }

    [Test]
    public async Task Every_notification_of_a_request_made_approved_and_granted_while_slack_is_down_arrives_once_when_it_is_back()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        var logs = new LogCapture();
        await using var world = await SlackWorld.StartAsync(o =>
        {
            o.Time = time;
            o.Logs = logs;
        });
        // Slack told the host who the requester and the approver are before it went down (users.info is down with it).
        foreach (var person in new[] { "dev@example.com", "lead@example.com" })
        {
            var (_, known) = await world.CommandAsync(person, "list");
            Assert.That(SlackWorld.Text(known), Does.Not.Contain("Sorry"), $"{person} is known to the host");
        }

        world.Slack.Down = true;
        var (_, body) = await world.CommandAsync("dev@example.com", Request);
        var id = Flow.RequestIdIn((string?)body!["text"]);
        var click = await world.ClickButtonAsync("lead@example.com", $"approve:{id}", id, SlackWorld.PlatformChannel);
        Assert.That(click.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Flow.WaitForStateAsync(world.Host, id, AccessRequestState.Active);
        // Down for a while: until the card, both approvers' DMs and the grant DM have each failed once and wait for a retry.
        await WaitForFirstFailuresAsync(logs, id, channelCards: 1, directMessages: 3);
        Assert.That(world.Slack.Calls.Where(c => c.StatusCode == 200).Select(c => c.Method), Has.None.StartsWith("chat."), "nothing got through while Slack was down");

        world.Slack.Down = false;
        await world.WaitUntilHostReachesSlackAsync();
        await world.AdvanceUntilDeliveredAsync(time, TimeSpan.FromSeconds(10));
        await Flow.WaitUntilQuietAsync(world.Host);

        var card = world.Slack.MessagesIn(SlackWorld.PlatformChannel).Single(m => m.Text!.Contains(id));
        Assert.Multiple(() =>
        {
            Assert.That(world.Slack.MessagesIn(SlackWorld.PlatformChannel), Has.Count.EqualTo(1), "one card in the approvers' channel");
            Assert.That(card.UpdateCount, Is.GreaterThan(0), "the card's updates came after it");
            Assert.That(SlackWorld.Buttons(card.Blocks), Is.Empty, "the card ends showing the decision, without buttons");
            Assert.That(SlackWorld.Text(card.Blocks), Does.Contain("Lee Lead"));
            AssertNoRepeatedVersion(card);
            foreach (var approver in new[] { "lead@example.com", "ops@example.com" })
            {
                var dms = world.Slack.MessagesIn(world.DirectChannel(approver)!);
                Assert.That(dms, Has.Count.EqualTo(1), $"one DM to {approver}");
                Assert.That(dms.Where(m => m.Text!.Contains(id)).Select(m => SlackWorld.Buttons(m.Blocks).Count()), Is.EqualTo(new[] { 0 }),
                    $"{approver}'s DM is about the request and was redrawn without its buttons");
                AssertNoRepeatedVersion(dms[0]);
            }

            var requester = world.Slack.MessagesIn(world.DirectChannel("dev@example.com")!);
            Assert.That(requester.Select(m => m.Text).ToList(), Has.Count.EqualTo(1).And.All.Contain("Access to web-1: Active"), "one grant DM to the requester");
        });
    }

    [Test]
    public async Task A_command_slack_is_slow_to_identify_is_acked_within_3_s_and_answered_through_its_response_url()
    {
        await using var world = await SlackWorld.StartAsync();
        world.Slack.SetDelay("users.info", TimeSpan.FromSeconds(5));
        var responseUrl = world.Slack.NewResponseUrl(SlackWorld.CommandChannel);
        var fields = SlackPayloads.SlashCommand(world.UserId("dev@example.com"), Request, responseUrl, world.Slack.NewTriggerId(), SlackWorld.CommandChannel);

        var waited = Stopwatch.StartNew();
        using var response = await world.Host.Http.SendAsync(
            SlackRequestSigner.SignedForm(world.Host.BaseUrl + "/slack/commands", SlackWorld.SigningSecret, fields, world.Now));
        var ackedAfter = waited.Elapsed;
        var ack = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ackedAfter, Is.LessThan(TimeSpan.FromSeconds(3)), "Slack's three seconds");
            Assert.That((string?)ack["response_type"], Is.EqualTo("ephemeral"));
            Assert.That((string?)ack["text"], Does.Contain("Working on it"));
        });

        var urlId = responseUrl[(responseUrl.LastIndexOf('/') + 1)..];
        var answer = await world.Slack.WaitForResponseAsync(p => p.UrlId == urlId, "the answer through the response_url", TimeSpan.FromSeconds(15));
        var id = Flow.RequestIdIn(SlackWorld.Text(answer.Body));
        Assert.That(SlackWorld.Text(answer.Body), Does.Contain("sent to"), "the real answer: the request went to its approvers");
        await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card");
        await Flow.WaitUntilQuietAsync(world.Host);

        var requests = await world.Host.Get<IAccessRequestStore>().ListAsync(new RequestQuery(RequesterEmail: "dev@example.com"));
        Assert.Multiple(() =>
        {
            Assert.That(answer.Accepted, Is.True);
            Assert.That(world.Slack.ResponseUrlPosts.Where(p => p.UrlId == urlId).ToList(), Has.Count.EqualTo(1), "answered once");
            Assert.That(requests.Select(r => r.Id), Is.EqualTo(new[] { id }), "the request row exists once");
            Assert.That(world.Slack.MessagesIn(SlackWorld.PlatformChannel).Count(m => m.Text!.Contains(id)), Is.EqualTo(1), "one card");
        });
    }

    // The outbox logs each failed delivery with its kind and attempt number.
    private static async Task WaitForFirstFailuresAsync(LogCapture logs, string id, int channelCards, int directMessages)
    {
        int Count(string kind) => logs.Lines.Count(l => l.Contains($"Delivering {kind} via slack for request {id} failed (attempt 1)", StringComparison.Ordinal));
        var waited = Stopwatch.StartNew();
        while (Count("ChannelCard") < channelCards || Count("DirectMessage") < directMessages)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                Assert.Fail($"waited for {channelCards} card and {directMessages} DM deliveries to fail; saw {Count("ChannelCard")} and {Count("DirectMessage")}");
            }

            await Task.Delay(50);
        }
    }

    private static List<SlackCall> CardPosts(SlackWorld world) =>
        world.Slack.Calls.Where(c => c.Method == "chat.postMessage" && c.Arg("channel") == SlackWorld.PlatformChannel).ToList();

    // Each update the outbox delivers changes how the message looks; the same look twice in a row is an update delivered twice.
    private static void AssertNoRepeatedVersion(SlackPostedMessage message)
    {
        var looks = message.Versions.Select(v => SlackWorld.Text(v.Blocks)).ToList();
        Assert.That(looks.Zip(looks.Skip(1)).Count(pair => pair.First == pair.Second), Is.Zero,
            $"a version of message {message.Ts} in {message.Channel} repeats the one before it");
    }
}
