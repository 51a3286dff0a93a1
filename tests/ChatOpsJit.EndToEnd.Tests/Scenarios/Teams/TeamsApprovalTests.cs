using System.Text.Json.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Testing.Teams;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Teams;

/// <summary>Who may press what is the core's call at the press, whatever a card showed; user text mentions nobody.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TeamsApprovalTests
{
    [Test]
    public async Task The_requester_cannot_approve_their_own_request_and_nothing_changes()
    {
        await using var world = await TeamsWorld.StartAsync();
        var id = await RequestAsync(world, "lead@example.com", "access web-1 disk full");
        var card = await world.WaitForCardAsync(TeamsWorld.PlatformChannel, id);

        var reply = await world.InvokeAsync("lead@example.com", card, "approve", new JsonObject { ["requestId"] = id });

        Assert.That(TeamsWorld.MessageOf(reply), Does.Contain("you cannot approve or reject your own request"));
        await AssertStillPendingAsync(world, id);
    }

    [Test]
    public async Task Someone_who_is_no_approver_is_refused_and_nothing_changes()
    {
        await using var world = await TeamsWorld.StartAsync();
        var id = await RequestAsync(world, "dev@example.com", "access web-1 disk full");
        var card = await world.WaitForCardAsync(TeamsWorld.PlatformChannel, id);

        var reply = await world.InvokeAsync("pay@example.com", card, "approve", new JsonObject { ["requestId"] = id });

        Assert.That(TeamsWorld.MessageOf(reply), Does.Contain($"you are not an approver of request {id}"));
        await AssertStillPendingAsync(world, id);
    }

    [Test]
    public async Task Deny_is_reject_after_the_prompt_is_confirmed()
    {
        await using var world = await TeamsWorld.StartAsync();
        var id = await RequestAsync(world, "dev@example.com", "access web-1 disk full");
        var card = await world.WaitForCardAsync(TeamsWorld.PlatformChannel, id);

        var prompt = TeamsWorld.CardOf(await world.InvokeAsync("lead@example.com", card, "deny", new JsonObject { ["requestId"] = id }));
        Assert.That((await world.Host.Get<IAccessRequestStore>().FindAsync(id))!.State, Is.EqualTo(AccessRequestState.Pending), "deny alone only asks");
        var (_, confirm) = TeamsWorld.Button(prompt, "reject");
        confirm["text"] = "not during the freeze";
        var done = await world.InvokeAsync("lead@example.com", card, "reject", confirm);

        Assert.That(TeamsWorld.Verbs(TeamsWorld.CardOf(done)), Is.Empty);
        await Flow.WaitForStateAsync(world.Host, id, AccessRequestState.Rejected);
        await world.WaitForDirectAsync("dev@example.com", t => t.Contains("not during the freeze"), "the rejection DM with the reason");
    }

    [Test]
    public async Task Twenty_simultaneous_approve_invokes_give_one_decision_one_grant_and_one_dm()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatopsjit-tests", Guid.NewGuid().ToString("N"));
        var approvers = Enumerable.Range(1, 20).Select(i => $"approver{i}@example.com").ToList();
        var directory = TestDirectories.WithExtraApprovers(folder, approvers.Count);
        await using var world = await TeamsWorld.StartAsync(o => o.DirectoryFile = directory, moreMembers: approvers);
        var id = await RequestAsync(world, "dev@example.com", "access web-1 disk full");
        var card = await world.WaitForCardAsync(TeamsWorld.PlatformChannel, id);

        var start = new TaskCompletionSource();
        var clicks = approvers.Select(a => Task.Run(async () =>
        {
            await start.Task;
            return await world.InvokeAsync(a, card, "approve", new JsonObject { ["requestId"] = id });
        })).ToList();
        start.SetResult();
        var replies = await Task.WhenAll(clicks);

        Assert.That(replies.Select(r => r.Status), Has.All.EqualTo(200), "every press is answered with an invoke response");
        await Flow.WaitForStateAsync(world.Host, id, AccessRequestState.Active);
        await Flow.WaitUntilQuietAsync(world.Host);
        var request = (await world.Host.Get<IAccessRequestStore>().FindAsync(id))!;
        Assert.That(request.Approvals, Has.Count.EqualTo(1), "one decision, read after every press was answered");
        Assert.That(await Flow.AuditCountAsync(world.Host, id, "grant.issued"), Is.EqualTo(1), "one grant");
        var dms = world.Teams.Messages(world.Teams.PersonalConversationId(world.Person("dev@example.com")));
        Assert.That(dms.Count(m => m.Cards.Count > 0 && TeamsWorld.Text(m.Card).Contains("Access to web-1: Active")), Is.EqualTo(1), "one grant DM");
        Assert.That(world.Teams.Messages(TeamsWorld.PlatformChannel), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_reason_with_markdown_links_and_at_tags_mentions_nobody()
    {
        await using var world = await TeamsWorld.StartAsync();
        const string reason = "disk [click me](https://evil.example/steal) <at>Lee Lead</at> <at>Riley Risk</at> **now** @channel <at>";
        var id = await RequestAsync(world, "dev@example.com", "access web-1 " + reason);
        var card = await world.WaitForCardAsync(TeamsWorld.PlatformChannel, id);
        var leadsView = TeamsWorld.CardOf(await world.InvokeAsync("lead@example.com", card, "refresh", new JsonObject { ["requestId"] = id }, "automatic"));

        foreach (var drawn in new[] { card.Card, leadsView })
        {
            var json = TeamsWorld.Text(drawn);
            var mentioned = drawn["msteams"]?["entities"]?.AsArray().Select(e => (string?)e!["mentioned"]?["id"]).ToList() ?? [];
            Assert.Multiple(() =>
            {
                Assert.That(mentioned, Is.EquivalentTo(new[] { world.Person("lead@example.com").Id, world.Person("ops@example.com").Id }),
                    "only the approvers the card names are mentioned");
                Assert.That(mentioned, Does.Not.Contain(world.Person("risk@example.com").Id));
                Assert.That(json, Does.Not.Contain("](https://evil.example"), "no markdown link survives");
                Assert.That(json, Does.Not.Contain("<at>Riley Risk</at>"), "no mention markup from the reason survives");
                Assert.That(JsonWalk.Count(TeamsWorld.Text(drawn["body"]), "<at>Lee Lead</at>"), Is.EqualTo(1), "Lee is mentioned once in the body, by the card's own line, not by the reason");
                Assert.That(json, Does.Contain("click me").And.Contain("evil.example"), "the reason is still shown, as text");
            });
        }
    }

    private static async Task<string> RequestAsync(TeamsWorld world, string email, string text) =>
        Flow.RequestIdIn(TeamsWorld.Text((await world.SayAsync(email, text)).Card));

    private static async Task AssertStillPendingAsync(TeamsWorld world, string id)
    {
        await Flow.WaitUntilQuietAsync(world.Host);
        var request = (await world.Host.Get<IAccessRequestStore>().FindAsync(id))!;
        Assert.That(request.State, Is.EqualTo(AccessRequestState.Pending));
        Assert.That(request.Approvals, Is.Empty);
        Assert.That(await Flow.AuditCountAsync(world.Host, id, "request.approved"), Is.Zero);
    }
}
