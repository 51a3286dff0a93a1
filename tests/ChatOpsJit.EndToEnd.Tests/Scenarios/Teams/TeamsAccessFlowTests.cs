using System.Text.Json.Nodes;
using ChatOpsJit.Core.Requests;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Teams;

/// <summary>The whole flow through Teams: install, a request in chat, the card in the policy's channel, a press, the DMs.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TeamsAccessFlowTests
{
    private const string Requester = "dev@example.com";

    [Test]
    public async Task Install_request_card_approval_refresh_update_grant_dm_and_expiry_dm_in_teams()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        await using var world = await TeamsWorld.StartAsync(time: time);

        var answer = await world.SayAsync(Requester, "access web-1 disk full on /var for 2h");
        var id = Flow.RequestIdIn(TeamsWorld.Text(answer.Card));
        var card = await world.WaitForCardAsync(TeamsWorld.PlatformChannel, id);
        var lead = world.Person("lead@example.com");
        var ops = world.Person("ops@example.com");
        var entities = card.Card["msteams"]?["entities"]?.AsArray().Select(e => (string?)e!["mentioned"]?["id"]).ToList() ?? [];
        Assert.Multiple(() =>
        {
            Assert.That(card.ConversationId, Does.StartWith(TeamsWorld.PlatformChannel + ";messageid="), "a new thread in the policy's channel");
            Assert.That(TeamsWorld.Verbs(card.Card), Is.Empty, "everyone's view has no approver buttons");
            Assert.That(card.Card["refresh"]?["userIds"]?.AsArray().Select(u => (string?)u), Is.EquivalentTo(new[] { lead.Id, ops.Id }),
                "the SRE leads get their own view");
            Assert.That(entities, Is.EquivalentTo(new[] { lead.Id, ops.Id }), "the card mentions the SRE leads, and not the requester");
            Assert.That(TeamsWorld.Text(card.Card), Does.Contain("disk full on /var"));
        });

        var leadsView = TeamsWorld.CardOf(await world.InvokeAsync("lead@example.com", card, "refresh", new JsonObject { ["requestId"] = id }, "automatic"));
        var requestersView = TeamsWorld.CardOf(await world.InvokeAsync(Requester, card, "refresh", new JsonObject { ["requestId"] = id }, "automatic"));
        var othersView = TeamsWorld.MessageOf(await world.InvokeAsync("pay@example.com", card, "refresh", new JsonObject { ["requestId"] = id }, "automatic"));
        Assert.That(TeamsWorld.Verbs(leadsView), Is.EqualTo(new[] { "approve", "reject" }), "an approver's refreshed view has the buttons");
        Assert.That(TeamsWorld.Verbs(requestersView), Is.Empty, "the requester's does not");
        Assert.That(othersView, Does.Contain($"there is no request {id} that you asked for or approve"), "someone who may not see the request is not shown it");
        var fallback = TeamsWorld.Button(leadsView, "approve").Action["fallback"];
        Assert.That((string?)fallback?["type"], Is.EqualTo("Action.Submit"), "old clients get an Action.Submit fallback");

        var pressed = TeamsWorld.CardOf(await world.SendAsync(ChatOpsJit.Testing.Teams.TeamsActivities.Invoke(
            world.Teams, lead, card.ConversationId, card.Id, "approve", TeamsWorld.Button(leadsView, "approve").Data)));
        Assert.That(TeamsWorld.Text(pressed), Does.Contain("approved by Lee Lead"), "the clicker's view refreshes at once with the decision");
        Assert.That(TeamsWorld.Verbs(pressed), Is.Empty);

        var granted = await world.WaitForDirectAsync(Requester, t => t.Contains("Access to web-1: Active"), "the grant DM");
        Assert.That(TeamsWorld.Text(granted.Card), Does.Contain("aws ssm start-session --target i-0abc1234567890def --region eu-west-1"));
        var updated = await world.Teams.WaitForMessageAsync(card.ConversationId, m => m.Id == card.Id && m.UpdateCount > 0 && TeamsWorld.Text(m.Card).Contains("approved by Lee Lead"),
            "the card updated for everyone");
        Assert.That(TeamsWorld.Text(updated.Card), Does.Contain("2026-11-28 09:00 UTC"));
        Assert.That(world.Teams.Calls.Where(c => c.Method == "PUT").Select(c => c.ActivityId).Distinct(), Does.Contain(card.Id), "updated in place");

        await Flow.AdvanceUntilAsync(time, TimeSpan.FromMinutes(5),
            async () => (await world.Host.Get<ChatOpsJit.Core.Ports.IAccessRequestStore>().FindAsync(id))!.State == AccessRequestState.Expired, "the expiry");
        await world.WaitForDirectAsync(Requester, t => t.Contains("Access to web-1 expired"), "the expiry DM");
        await Flow.WaitUntilQuietAsync(world.Host);
        var dms = world.Teams.Messages(world.Teams.PersonalConversationId(world.Person(Requester)));
        Assert.That(dms.Count(m => m.Cards.Count > 0 && TeamsWorld.Text(m.Card).Contains("Access to web-1 expired")), Is.EqualTo(1), "one expiry DM");
        Assert.That(world.Teams.Messages(TeamsWorld.PlatformChannel).Count(m => TeamsWorld.Text(m.Card).Contains(id)), Is.EqualTo(1), "one card, however often it changed");
    }

    [Test]
    public async Task A_restart_between_install_and_approval_still_updates_the_card_and_sends_the_dm()
    {
        await using var world = await TeamsWorld.StartAsync();
        var id = Flow.RequestIdIn(TeamsWorld.Text((await world.SayAsync(Requester, "access web-1 disk full")).Card));
        var card = await world.WaitForCardAsync(TeamsWorld.PlatformChannel, id);
        await Flow.WaitUntilQuietAsync(world.Host);
        var updatesBefore = world.Teams.Messages(TeamsWorld.PlatformChannel).Single().UpdateCount;

        await world.RestartAsync();
        var press = await world.InvokeAsync("lead@example.com", card, "approve", new JsonObject { ["requestId"] = id });

        Assert.That(TeamsWorld.Verbs(TeamsWorld.CardOf(press)), Is.Empty);
        await Flow.WaitForStateAsync(world.Host, id, AccessRequestState.Active);
        await world.WaitForDirectAsync(Requester, t => t.Contains("Access to web-1: Active"), "the grant DM after the restart");
        await Flow.WaitUntilQuietAsync(world.Host);
        var cards = world.Teams.Messages(TeamsWorld.PlatformChannel);
        Assert.That(cards, Has.Count.EqualTo(1), "no second card after the restart");
        Assert.That(cards[0].UpdateCount, Is.GreaterThan(updatesBefore), "the new process updated the card");
        Assert.That(TeamsWorld.Text(cards[0].Card), Does.Contain("approved by Lee Lead"), "the card shows the decision");
    }

    [Test]
    public async Task A_restart_before_any_activity_reaches_the_new_process_still_posts_and_updates_the_channel_card()
    {
        // Nothing but installs reached the first process; the second must post from what the store kept.
        await using var world = await TeamsWorld.StartAsync();
        await world.RestartAsync();
        var (response, body) = await world.Host.CommandAsync(Requester, "/access web-1 disk full");
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body.Error);
        var id = Flow.RequestIdIn(body.Reply!.Title);

        var card = await world.WaitForCardAsync(TeamsWorld.PlatformChannel, id);
        // Decided in the console, so no Teams activity reaches the new process at all; the card is still redrawn.
        var (approved, _) = await world.Host.ActionAsync("lead@example.com", "approve", id);
        Assert.That((int)approved.StatusCode, Is.EqualTo(200));
        await world.Teams.WaitForMessageAsync(card.ConversationId, m => m.Id == card.Id && m.UpdateCount > 0 && TeamsWorld.Text(m.Card).Contains("approved by Lee Lead"),
            "the card redrawn from the stored references");
        await Flow.WaitUntilQuietAsync(world.Host);
        Assert.That(world.Teams.Messages(TeamsWorld.PlatformChannel), Has.Count.EqualTo(1), "updated, not posted again");
    }

    [Test]
    public async Task A_requester_who_blocked_the_bot_gets_no_dm_but_the_email_and_the_refusal_is_logged()
    {
        var logs = new LogCapture();
        await using var world = await TeamsWorld.StartAsync(o => o.Logs = logs);
        var id = Flow.RequestIdIn(TeamsWorld.Text((await world.SayAsync(Requester, "access web-1 disk full")).Card));
        var card = await world.WaitForCardAsync(TeamsWorld.PlatformChannel, id);
        world.Teams.SetBotInstalled(world.Person(Requester), false);

        await world.InvokeAsync("lead@example.com", card, "approve", new JsonObject { ["requestId"] = id });

        await world.Host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterMailbox, "Access to web-1: Active") == 1, "the grant email");
        await Flow.WaitUntilQuietAsync(world.Host);
        Assert.That(world.Teams.Calls.Any(c => c.Status == 403 && c.ConversationId == world.Teams.PersonalConversationId(world.Person(Requester))), Is.True,
            "the DM was tried and refused");
        Assert.That(logs.All, Does.Contain("Teams will not let the bot write to dev@example.com"));
        Assert.That(world.Teams.Messages(world.Teams.PersonalConversationId(world.Person(Requester)))
            .Count(m => m.Cards.Count > 0 && TeamsWorld.Text(m.Card).Contains("Access to web-1: Active")), Is.Zero, "no grant DM reached them");
    }
}
