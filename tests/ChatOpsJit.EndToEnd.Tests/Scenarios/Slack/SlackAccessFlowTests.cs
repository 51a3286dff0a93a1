using System.Net;
using System.Text.Json.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Testing.Slack;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Slack;

/// <summary>The whole flow through Slack: /access, the approval card in the policy's channel, a click, the grant DM and email, expiry.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SlackAccessFlowTests
{
    [Test]
    public async Task Request_card_approval_grant_and_expiry_reach_the_right_people_in_slack()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        await using var world = await SlackWorld.StartAsync(o => o.Time = time);

        var (ack, body) = await world.CommandAsync("dev@example.com", "web-1 disk full on /var for 2h");

        Assert.That(ack.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)body!["response_type"], Is.EqualTo("ephemeral"), "the answer is for the requester alone");
        var id = Flow.RequestIdIn((string?)body["text"]);
        var card = await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card");
        var cardJson = SlackWorld.Text(card.Blocks);
        Assert.Multiple(() =>
        {
            Assert.That(SlackWorld.Buttons(card.Blocks).Select(b => b.ActionId), Is.EqualTo(new[] { $"approve:{id}", $"reject:{id}" }));
            Assert.That(cardJson, Does.Contain($"<@{world.UserId("lead@example.com")}>").And.Contain($"<@{world.UserId("ops@example.com")}>"),
                "the card mentions the SRE leads who have Slack accounts");
            Assert.That(cardJson, Does.Not.Contain($"<@{world.UserId("dev@example.com")}>"), "the requester is not asked to approve");
            Assert.That(cardJson, Does.Contain("disk full on /var"));
        });

        var click = await world.ClickAsync("lead@example.com", card, "approve");
        Assert.That(click.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var granted = await world.WaitForDirectAsync("dev@example.com", m => m.Text!.Contains("Access to web-1: Active"), "the grant DM");
        Assert.That(SlackWorld.Text(granted.Blocks), Does.Contain("aws ssm start-session --target i-0abc1234567890def --region eu-west-1"));
        var updated = await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Ts == card.Ts && m.UpdateCount > 0 && !SlackWorld.Buttons(m.Blocks).Any(),
            "the card updated for everyone without buttons");
        Assert.That(SlackWorld.Text(updated.Blocks), Does.Contain("Lee Lead").And.Contain("2026-11-28 09:00 UTC"), "who approved, and when");
        Assert.That(world.Slack.Calls.Where(c => c.Method == "chat.update" && c.Arg("channel") == SlackWorld.PlatformChannel).Select(c => c.Arg("ts")),
            Has.All.EqualTo(card.Ts), "the card was updated, not posted again");
        var opsDm = await world.WaitForDirectAsync("ops@example.com", m => m.Text!.Contains(id) && m.UpdateCount > 0, "the other approver's DM, redrawn");
        Assert.That(SlackWorld.Buttons(opsDm.Blocks), Is.Empty, "the other approver's DM lost its buttons too");
        var answer = await world.Slack.WaitForResponseAsync(p => SlackWorld.Text(p.Body).Contains(id), "the approver's ephemeral answer");
        Assert.That((string?)answer.Body["response_type"], Is.EqualTo("ephemeral"));
        Assert.That(answer.ReplaceOriginal, Is.False, "the approver's answer never replaces the card");
        var transcript = await world.Host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterMailbox, "Access to web-1: Active") == 1, "the grant email");

        time.Advance(TimeSpan.FromHours(2));

        await world.WaitForDirectAsync("dev@example.com", m => m.Text!.Contains("Access to web-1 expired"), "the expiry DM");
        await Flow.WaitForStateAsync(world.Host, id, AccessRequestState.Expired);
        await Flow.WaitUntilQuietAsync(world.Host);
        Assert.That(world.Slack.MessagesIn(world.DirectChannel("dev@example.com")!).Count(m => m.Text!.Contains("Access to web-1 expired")), Is.EqualTo(1));
        Assert.That(world.Slack.MessagesIn(SlackWorld.PlatformChannel).Count(m => m.Text!.Contains(id)), Is.EqualTo(1), "one card, however often it changed");
        Assert.That(transcript.Entries(Flow.RequesterMailbox), Is.Not.Empty);
    }

    [Test]
    public async Task A_card_posted_before_a_restart_is_updated_in_place_after_it()
    {
        await using var world = await SlackWorld.StartAsync();
        var (_, body) = await world.CommandAsync("dev@example.com", "web-1 disk full");
        var id = Flow.RequestIdIn((string?)body!["text"]);
        var card = await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card");
        await Flow.WaitUntilQuietAsync(world.Host);

        await world.RestartAsync();
        await world.ClickAsync("lead@example.com", card, "approve");

        await Flow.WaitForStateAsync(world.Host, id, AccessRequestState.Active);
        await Flow.WaitUntilQuietAsync(world.Host);
        var messages = world.Slack.MessagesIn(SlackWorld.PlatformChannel);
        Assert.That(messages, Has.Count.EqualTo(1), "no second card after the restart");
        Assert.That(messages[0].Ts, Is.EqualTo(card.Ts));
        Assert.That(messages[0].UpdateCount, Is.GreaterThan(0));
        Assert.That(SlackWorld.Buttons(messages[0].Blocks), Is.Empty, "the card shows the decision, made by the new process");
    }

    [Test]
    public async Task A_slack_member_the_directory_does_not_know_is_refused_politely_and_nothing_is_stored()
    {
        await using var world = await SlackWorld.StartAsync(moreMembers: ["contractor@elsewhere.example"]);

        var (response, body) = await world.CommandAsync("contractor@elsewhere.example", "web-1 disk full");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)body!["text"], Does.Contain("contractor@elsewhere.example is not in the directory"));
        Assert.That(await world.Host.Get<IAccessRequestStore>().ListAsync(new RequestQuery(Limit: 10)), Is.Empty);
    }
}
