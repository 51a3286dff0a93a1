using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Workflow;

/// <summary>Requests bridged from JITNA: put before the local approvers once, decisions relayed, no credentials or extensions here.</summary>
public sealed class BridgedRequestTests
{
    private static readonly BridgedRequest Jitna = new("JITNA", "oi-0123456789ab", "exec-42");

    private static BridgedSubmission Submission(WorkflowWorld world, string requester = WorkflowWorld.Requester) =>
        new(Jitna, requester, world.Node.Id, "patching  the kernel", new Dictionary<PlatformName, string> { [PlatformName.Slack] = "#jitna-approvals" });

    [Test]
    public async Task A_bridged_request_waits_for_the_manual_policys_approvers_with_its_card_in_the_bridge_channel_only()
    {
        var world = new WorkflowWorld();

        var result = await world.Workflow.SubmitBridgedAsync(Submission(world));

        var stored = await world.RequestAsync(result.Request!.Id);
        var cards = world.Store.OutboxFor(stored.Id).Where(m => m.Kind == NotificationKind.ChannelCard).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Ok, Is.True, result.Message);
            Assert.That(stored.Id, Is.EqualTo(RequestId.For(Jitna.ExternalId)));
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Pending));
            Assert.That(stored.Bridge, Is.EqualTo(Jitna));
            Assert.That(stored.Reason, Is.EqualTo("patching the kernel"));
            Assert.That(stored.Levels.Select(l => (string.Join(",", l.Approvers), l.Required)), Is.EqualTo(world.ManualPolicy.Levels.Select(l => (string.Join(",", l.Approvers), l.Required))));
            Assert.That(cards.Select(c => (c.Via(), c.Recipient)), Is.EqualTo(new[] { ("slack", "#jitna-approvals") }), "the bridge channel, not the policy's channels");
            Assert.That(cards[0].Card.Text, Does.Contain("Bridged from JITNA request oi-0123456789ab: JITNA stays the decision maker and enforcer"));
        });
    }

    [Test]
    public async Task Bridging_the_same_JITNA_request_again_changes_nothing()
    {
        var world = new WorkflowWorld();
        await world.Workflow.SubmitBridgedAsync(Submission(world));
        var commits = world.Store.Commits.Count;

        var again = await world.Workflow.SubmitBridgedAsync(Submission(world));

        Assert.That(again.Ok, Is.False);
        Assert.That(again.Message, Does.Contain("already bridged"));
        Assert.That(world.Store.Commits, Has.Count.EqualTo(commits));
    }

    [Test]
    public async Task A_bridged_request_whose_node_no_manual_policy_governs_here_is_recorded_denied_and_posted_nowhere()
    {
        var world = new WorkflowWorld();
        world.Policy.Decision = new PolicyDecision.Denied("no policy applies to web-1");

        var result = await world.Workflow.SubmitBridgedAsync(Submission(world));

        var stored = await world.RequestAsync(result.Request!.Id);
        Assert.Multiple(() =>
        {
            Assert.That(result.Ok, Is.False);
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Denied));
            Assert.That(stored.StateReason, Does.Contain("decide it in JITNA"));
            Assert.That(world.Store.OutboxFor(stored.Id), Is.Empty);
        });
    }

    [Test]
    public async Task A_bridged_request_from_someone_outside_the_directory_is_not_stored()
    {
        var world = new WorkflowWorld();

        var result = await world.Workflow.SubmitBridgedAsync(Submission(world, "ghost@example.com"));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Does.Contain("ghost@example.com is not in the directory"));
        Assert.That(world.Store.Commits, Is.Empty);
    }

    [Test]
    public async Task Rejecting_a_bridged_request_relays_the_rejection_through_a_retried_job()
    {
        var world = new WorkflowWorld();
        var pending = (await world.Workflow.SubmitBridgedAsync(Submission(world))).Request!;
        world.Grantor.FailRelays = 1;

        var rejected = await world.Workflow.RejectAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver), "not today");
        var first = await world.RunDueAsync();
        world.Time.Advance(TimeSpan.FromMinutes(10));
        var second = await world.RunDueAsync();

        Assert.Multiple(() =>
        {
            Assert.That(rejected.Ok, Is.True, rejected.Message);
            Assert.That(first.Select(r => (r.Job.Kind, r.Outcome.Done)), Is.EqualTo(new[] { (JobKind.RelayRejection, false) }));
            Assert.That(second.Select(r => (r.Job.Kind, r.Outcome.Done)), Is.EqualTo(new[] { (JobKind.RelayRejection, true) }));
            Assert.That(world.Grantor.Relayed, Is.EqualTo(new[] { pending.Id }));
        });
    }

    [Test]
    public async Task Rejecting_an_ordinary_request_relays_nothing()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();

        await world.Workflow.RejectAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));
        await world.RunDueAsync();

        Assert.That(world.Store.JobsFor(pending.Id).Where(j => j.Kind == JobKind.RelayRejection), Is.Empty);
        Assert.That(world.Grantor.Relayed, Is.Empty);
    }

    [Test]
    public async Task An_approved_bridged_request_offers_no_credentials_no_extension_and_refuses_both()
    {
        var world = new WorkflowWorld(issuesCredentials: true);
        var pending = (await world.Workflow.SubmitBridgedAsync(Submission(world))).Request!;
        await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));
        await world.RunDueAsync();
        var active = await world.RequestAsync(pending.Id);

        var card = world.Workflow.Cards.Granted(active);
        var credentials = await world.Workflow.IssueCredentialsAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester));
        var extension = await world.Workflow.ExtendAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester), TimeSpan.FromHours(1));

        Assert.Multiple(() =>
        {
            Assert.That(active.State, Is.EqualTo(AccessRequestState.Active));
            Assert.That(card.Actions.Select(a => a.Verb), Has.None.EqualTo(CardVerb.Credentials).And.None.EqualTo(CardVerb.Extend));
            Assert.That(card.Footer, Is.EqualTo("JITNA enforces this window (request oi-0123456789ab)."));
            Assert.That(credentials.Ok, Is.False);
            Assert.That(credentials.Message, Does.Contain("aws ssm get-access-token --access-request-id oi-0123456789ab"));
            Assert.That(world.Issuer.Minted, Is.Empty);
            Assert.That(extension.Ok, Is.False);
            Assert.That(extension.Message, Does.Contain("JITNA cannot extend a window"));
        });
    }

    [Test]
    public async Task The_requester_cannot_cancel_a_bridged_request_here()
    {
        var world = new WorkflowWorld();
        var pending = (await world.Workflow.SubmitBridgedAsync(Submission(world))).Request!;

        var commits = world.Store.Commits.Count;

        var cancelled = await world.Workflow.CancelAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Requester));

        Assert.That(cancelled.Ok, Is.False);
        Assert.That(cancelled.Message, Does.Contain("cancel it there (oi-0123456789ab)"));
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Pending));
        Assert.That(world.Store.Commits, Has.Count.EqualTo(commits));
    }
}
