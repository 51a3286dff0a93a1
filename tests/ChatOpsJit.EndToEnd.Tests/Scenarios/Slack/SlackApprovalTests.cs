using System.Net;
using System.Text.Json.Nodes;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Slack.BlockKit;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Slack;

/// <summary>Every decision through Slack: levels, deny with its modal, cancel, revoke, auto-approval, refusals, and who may click.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SlackApprovalTests
{
    private const string Requester = "dev@example.com";

    [Test]
    public async Task A_two_level_request_waits_for_security_after_the_sre_lead_and_is_granted_after_both()
    {
        await using var world = await SlackWorld.StartAsync();
        var id = await RequestAsync(world, "payments-db-1 reconcile ledger");
        var card = await world.WaitForMessageAsync(SlackWorld.SecurityChannel, m => m.Text!.Contains(id), "the approval card");

        await world.ClickAsync("lead@example.com", card, "approve");
        card = await world.WaitForMessageAsync(SlackWorld.SecurityChannel, m => m.Ts == card.Ts && m.Text!.Contains("level 2 of 2"), "the card at level 2");
        Assert.That(SlackWorld.Text(card.Blocks), Does.Contain($"<@{world.UserId("sec@example.com")}>").And.Not.Contain($"<@{world.UserId("lead@example.com")}>"),
            "level 2 mentions Security, not the lead who already approved");
        Assert.That((await world.Host.Get<IAccessRequestStore>().FindAsync(id))!.State, Is.EqualTo(AccessRequestState.Pending));

        await world.ClickAsync("sec@example.com", card, "approve");

        await Flow.WaitForStateAsync(world.Host, id, AccessRequestState.Active);
        await world.WaitForDirectAsync(Requester, m => m.Text!.Contains("Access to payments-db-1: Active"), "the grant DM");
    }

    [Test]
    public async Task Deny_opens_a_confirm_modal_and_its_reason_reaches_the_requester_and_the_card_for_everyone()
    {
        await using var world = await SlackWorld.StartAsync();
        var id = await RequestAsync(world, "web-1 disk full");
        var card = await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card");

        await world.ClickAsync("lead@example.com", card, "reject");
        var modal = await world.WaitForOpenedViewAsync(SlackViews.PromptCallbackId);
        Assert.That((await world.Host.Get<IAccessRequestStore>().FindAsync(id))!.State, Is.EqualTo(AccessRequestState.Pending), "nothing happens before confirming");
        Assert.That(SlackWorld.Text(modal), Does.Contain(id));

        var (response, body) = await world.SubmitViewAsync("lead@example.com", modal,
            SlackPayloads.State((SlackViews.InputBlock, SlackViews.ValueAction, SlackPayloads.TextInput("use the replica instead"))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body?["response_action"]?.GetValue<string>(), Is.Not.EqualTo("errors"), SlackWorld.Text(body));
        var request = await Flow.WaitForStateAsync(world.Host, id, AccessRequestState.Rejected);
        Assert.That(request.RejectionReason, Is.EqualTo("use the replica instead"));
        var dm = await world.WaitForDirectAsync(Requester, m => m.Text!.Contains("rejected"), "the rejection DM");
        Assert.That(SlackWorld.Text(dm.Blocks), Does.Contain("use the replica instead"));
        var updated = await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Ts == card.Ts && m.Text!.Contains("Rejected"), "the card, rejected");
        Assert.That(SlackWorld.Buttons(updated.Blocks), Is.Empty);
        Assert.That(SlackWorld.Text(updated.Blocks), Does.Contain("rejected by Lee Lead"));
    }

    [Test]
    public async Task Cancel_and_revoke_typed_in_slack_end_the_request_and_redraw_the_card()
    {
        await using var world = await SlackWorld.StartAsync();
        var pending = await RequestAsync(world, "web-1 disk full");
        var granted = await RequestAsync(world, "web-2 rotate logs");
        var card = await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(granted), "web-2's card");
        await world.ClickAsync("lead@example.com", card, "approve");
        await Flow.WaitForStateAsync(world.Host, granted, AccessRequestState.Active);

        var (_, cancelled) = await world.CommandAsync(Requester, $"cancel {pending}");
        var (_, revoked) = await world.CommandAsync("lead@example.com", $"revoke {granted}");

        Assert.That((string?)cancelled!["text"], Does.Contain("ancel"));
        Assert.That((string?)revoked!["text"], Does.Contain("evoke"));
        await Flow.WaitForStateAsync(world.Host, pending, AccessRequestState.Cancelled);
        await Flow.WaitForStateAsync(world.Host, granted, AccessRequestState.Revoked);
        await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(pending) && m.Text.Contains("Cancelled") && !SlackWorld.Buttons(m.Blocks).Any(), "the cancelled card");
        await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Ts == card.Ts && m.Text!.Contains("Revoked") && !SlackWorld.Buttons(m.Blocks).Any(), "web-2's card, redrawn as revoked");
        await world.WaitForDirectAsync(Requester, m => m.Text!.Contains("Access to web-2 revoked"), "the revocation DM");
    }

    [Test]
    public async Task Auto_approval_grants_at_once_with_no_channel_post()
    {
        await using var world = await SlackWorld.StartAsync();

        var (_, body) = await world.CommandAsync(Requester, "dev-box-1 run the migration");

        var id = Flow.RequestIdIn((string?)body!["text"]);
        await Flow.WaitForStateAsync(world.Host, id, AccessRequestState.Active);
        await world.WaitForDirectAsync(Requester, m => m.Text!.Contains("Access to dev-box-1: Active"), "the grant DM");
        await Flow.WaitUntilQuietAsync(world.Host);
        Assert.That(world.Slack.MessagesIn(SlackWorld.PlatformChannel).Concat(world.Slack.MessagesIn(SlackWorld.SecurityChannel)), Is.Empty, "nobody is asked");
    }

    [Test]
    public async Task A_node_no_policy_covers_is_refused_with_the_reason_and_nothing_is_posted()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatopsjit-tests", Guid.NewGuid().ToString("N"));
        var policies = TestDirectories.CopyOfSamplePolicies(folder);
        File.Delete(Path.Combine(policies, "manual", "everything-else.yaml"));
        await using var world = await SlackWorld.StartAsync(o => o.PoliciesFolder = policies);

        var (_, body) = await world.CommandAsync(Requester, "onprem-build-1 rebuild the cache");

        Assert.That(SlackWorld.Text(body), Does.Contain("o manual policy applies to onprem-build-1"), "the refusal says why");
        await Flow.WaitUntilQuietAsync(world.Host);
        Assert.That(world.Slack.MessagesIn(SlackWorld.PlatformChannel), Is.Empty);
        Assert.That((await world.Host.Get<IAccessRequestStore>().ListAsync(new RequestQuery(Limit: 10))).Select(r => r.State).ToList(), Has.Count.EqualTo(1).And.All.EqualTo(AccessRequestState.Denied));
    }

    [Test]
    public async Task Two_manual_policies_for_one_node_are_a_conflict_that_names_both_and_tells_the_requester()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatopsjit-tests", Guid.NewGuid().ToString("N"));
        var policies = TestDirectories.CopyOfSamplePolicies(folder);
        File.WriteAllText(Path.Combine(policies, "manual", "web-team.yaml"),
            "name: web-team\ntargets:\n  tags:\n    Team: web\nlevels:\n  - approvers: [sre-leads]\n    required: 1\naccessDuration: 1h\nmaxDuration: 2h\nchannels:\n  slack: C0PLATFORM1\n");
        await using var world = await SlackWorld.StartAsync(o => o.PoliciesFolder = policies);

        var (_, body) = await world.CommandAsync(Requester, "web-1 disk full");

        Assert.That(SlackWorld.Text(body), Does.Contain("production").And.Contain("web-team"), "the refusal names both policies");
        var dm = await world.WaitForDirectAsync(Requester, m => SlackWorld.Text(m.Blocks).Contains("web-team"), "the conflict DM");
        Assert.That(SlackWorld.Text(dm.Blocks), Does.Contain("production"));
        await Flow.WaitUntilQuietAsync(world.Host);
        Assert.That(world.Slack.MessagesIn(SlackWorld.PlatformChannel).Concat(world.Slack.MessagesIn(SlackWorld.SecurityChannel)), Is.Empty, "no approver is bothered");
        Assert.That(world.Slack.Calls.Where(c => c.Method == "chat.postMessage").Select(c => c.Arg("channel")), Has.All.EqualTo(world.DirectChannel(Requester)), "the only post is the requester's DM");
    }

    [Test]
    public async Task The_requester_cannot_approve_their_own_request_and_a_stranger_cannot_approve_at_all()
    {
        await using var world = await SlackWorld.StartAsync();
        var (_, body) = await world.CommandAsync("lead@example.com", "web-1 hotfix");
        var id = Flow.RequestIdIn((string?)body!["text"]);
        var card = await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card");

        await world.ClickAsync("lead@example.com", card, "approve");
        var own = await world.Slack.WaitForResponseAsync(p => SlackWorld.Text(p.Body).Contains("Sorry"), "the refusal of the requester's own click");
        await world.ClickAsync("pay@example.com", card, "approve");
        var stranger = await world.Slack.WaitForResponseAsync(p => p != own && SlackWorld.Text(p.Body).Contains("Sorry"), "the refusal of the stranger's click");

        Assert.That((string?)own.Body["response_type"], Is.EqualTo("ephemeral"));
        Assert.That(SlackWorld.Text(own.Body), Does.Contain("own"));
        Assert.That((string?)stranger.Body["response_type"], Is.EqualTo("ephemeral"));
        await Flow.WaitUntilQuietAsync(world.Host);
        Assert.That((await world.Host.Get<IAccessRequestStore>().FindAsync(id))!.State, Is.EqualTo(AccessRequestState.Pending), "neither click changed anything");
        Assert.That(world.Slack.MessagesIn(SlackWorld.PlatformChannel).Single().UpdateCount, Is.Zero, "the card was not redrawn");
    }

    [Test]
    public async Task Twenty_simultaneous_approve_clicks_give_one_decision_one_grant_and_one_dm()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatopsjit-tests", Guid.NewGuid().ToString("N"));
        var approvers = Enumerable.Range(1, 20).Select(i => $"approver{i}@example.com").ToList();
        var directory = TestDirectories.WithExtraApprovers(folder, approvers.Count);
        await using var world = await SlackWorld.StartAsync(o => o.DirectoryFile = directory, moreMembers: approvers);
        var id = await RequestAsync(world, "web-1 disk full");
        var card = await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card");

        var start = new TaskCompletionSource();
        var clicks = approvers.Select(a => Task.Run(async () =>
        {
            await start.Task;
            return await world.ClickAsync(a, card, "approve");
        })).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(clicks);

        Assert.That(responses.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.OK));
        var request = await Flow.WaitForStateAsync(world.Host, id, AccessRequestState.Active);
        await world.Slack.WaitForResponseAsync(_ => world.Slack.ResponseUrlPosts.Count >= 20, "an answer to every click");
        await Flow.WaitUntilQuietAsync(world.Host);
        request = (await world.Host.Get<IAccessRequestStore>().FindAsync(id))!;
        Assert.That(request.Approvals, Has.Count.EqualTo(1), "one decision, read after every click was answered");
        Assert.That(await Flow.AuditCountAsync(world.Host, id, "request.approved"), Is.EqualTo(1));
        Assert.That(await Flow.AuditCountAsync(world.Host, id, "grant.issued"), Is.EqualTo(1), "one grant");
        Assert.That(world.Slack.MessagesIn(world.DirectChannel(Requester)!).Count(m => m.Text!.Contains("Access to web-1: Active")), Is.EqualTo(1), "one grant DM");
        Assert.That(world.Slack.MessagesIn(SlackWorld.PlatformChannel), Has.Count.EqualTo(1));
    }

    private static async Task<string> RequestAsync(SlackWorld world, string text)
    {
        var (response, body) = await world.CommandAsync(Requester, text);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return Flow.RequestIdIn((string?)body!["text"]);
    }
}
