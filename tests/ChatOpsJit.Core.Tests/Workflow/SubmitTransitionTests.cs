using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Workflow;

public sealed class SubmitTransitionTests
{
    [Test]
    public async Task Submit_under_a_manual_policy_stores_pending_at_level_zero_until_seven_days_with_a_time_out_job()
    {
        var world = new WorkflowWorld();

        var result = await world.SubmitAsync();

        Assert.That(result.Ok, Is.True, result.Message);
        var stored = await world.RequestAsync(result.Request!.Id);
        Assert.Multiple(() =>
        {
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Pending));
            Assert.That(stored.Version, Is.EqualTo(1));
            Assert.That(stored.CurrentLevel, Is.Zero);
            Assert.That(stored.PendingUntil, Is.EqualTo(WorkflowWorld.Start + TimeSpan.FromDays(7)));
            Assert.That(stored.PolicyName, Is.EqualTo("prod-servers"));
            Assert.That(world.Store.JobsFor(stored.Id).Select(j => (j.Kind, j.DueAt)),
                Is.EqualTo(new[] { (JobKind.TimeOut, WorkflowWorld.Start + TimeSpan.FromDays(7)) }));
            Assert.That(world.Store.Commits.Single().ExpectedVersion, Is.Zero);
            Assert.That(world.Store.Audit.Single().Kind, Is.EqualTo("request.submitted"));
        });
    }

    [Test]
    public async Task Submit_under_a_manual_policy_posts_the_approval_card_only_to_enabled_platforms_and_tells_the_approvers_there_and_by_email()
    {
        var world = new WorkflowWorld();

        var request = await world.PendingAsync();

        var outbox = world.Store.OutboxFor(request.Id);
        Assert.Multiple(() =>
        {
            Assert.That(outbox.Select(m => (m.Kind, m.Via(), m.Recipient, m.CardKey)), Is.EquivalentTo(new[]
            {
                (NotificationKind.ChannelCard, "console", "approvals", $"approval:{request.Id}"),
                (NotificationKind.ChannelCard, "slack", "#prod-approvals", $"approval:{request.Id}"),
                (NotificationKind.DirectMessage, "console", WorkflowWorld.Approver, $"approver:{request.Id}:0:0:{WorkflowWorld.Approver}"),
                (NotificationKind.DirectMessage, "slack", WorkflowWorld.Approver, $"approver:{request.Id}:0:0:{WorkflowWorld.Approver}"),
                (NotificationKind.Email, "email", WorkflowWorld.Approver, (string?)null),
            }), "teams is named by the policy but not enabled, so gets nothing; the requester gets nothing yet");
            Assert.That(outbox.Select(m => m.IdempotencyKey).Distinct().Count(), Is.EqualTo(5));
            Assert.That(request.ApproverNotices, Is.EqualTo(new[] { new ApproverNotice(0, 0, WorkflowWorld.Approver, "lead") }));
            Assert.That(outbox.Single(m => m.Kind == NotificationKind.DirectMessage && m.Via() == "console").Card.Actions.Select(a => a.Verb),
                Is.EqualTo(new[] { CardVerb.Approve, CardVerb.Reject }), "an approver can decide from the DM");
        });
    }

    [Test]
    public async Task Submit_asking_for_more_than_the_policy_maximum_is_clamped_to_it()
    {
        var world = new WorkflowWorld();

        var result = await world.SubmitAsync(duration: TimeSpan.FromHours(10));

        var stored = await world.RequestAsync(result.Request!.Id);
        Assert.That(stored.Duration, Is.EqualTo(TimeSpan.FromHours(4)));
        Assert.That(result.Message, Does.Contain("you asked for 10h; policy 'prod-servers' allows at most 4h"));
    }

    [Test]
    public async Task Submit_without_a_duration_takes_the_policy_access_duration()
    {
        var world = new WorkflowWorld();

        var stored = await world.PendingAsync();

        Assert.That(stored.Duration, Is.EqualTo(TimeSpan.FromHours(2)));
    }

    [Test]
    public async Task Submit_with_an_auto_approval_decision_stores_approved_with_a_grant_job_due_now()
    {
        var world = new WorkflowWorld();
        world.Policy.Decision = new PolicyDecision.AutoApproved(["dev-self-service"], TimeSpan.FromHours(1), "statement dev-self-service permits");

        var result = await world.SubmitAsync();

        Assert.That(result.Ok, Is.True, result.Message);
        var stored = await world.RequestAsync(result.Request!.Id);
        Assert.Multiple(() =>
        {
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Approved));
            Assert.That(stored.AutoApproved, Is.True);
            Assert.That(stored.PolicyName, Is.EqualTo("dev-self-service"));
            Assert.That(stored.Duration, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(world.Store.JobsFor(stored.Id).Select(j => (j.Kind, j.DueAt)), Is.EqualTo(new[] { (JobKind.Grant, WorkflowWorld.Start) }));
            Assert.That(world.Store.OutboxFor(stored.Id), Is.Empty, "no approvers to ask; the requester hears when the grant is issued");
            Assert.That(world.Store.Audit.Single().Kind, Is.EqualTo("request.auto-approved"));
        });
    }

    [Test]
    public async Task Submit_with_no_applicable_policy_stores_denied_with_the_reason_and_sends_nothing()
    {
        var world = new WorkflowWorld();
        world.Policy.Decision = new PolicyDecision.Denied("No policy applies to web-1.");

        var result = await world.SubmitAsync();

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Does.Contain("denied: No policy applies to web-1."));
        var stored = await world.RequestAsync(result.Request!.Id);
        Assert.Multiple(() =>
        {
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Denied));
            Assert.That(stored.StateReason, Is.EqualTo("No policy applies to web-1."));
            Assert.That(world.Store.Outbox, Is.Empty);
            Assert.That(world.Store.Jobs, Is.Empty);
            Assert.That(world.Store.Audit.Single().Kind, Is.EqualTo("request.denied"));
        });
    }

    [Test]
    public async Task Submit_with_a_policy_conflict_stores_failed_with_the_reason_naming_the_policies_and_tells_the_requester()
    {
        var world = new WorkflowWorld();
        world.Policy.Decision = new PolicyDecision.Failed(["web", "prod"], "Manual policies 'web' and 'prod' both target web-1.");

        var result = await world.SubmitAsync();

        Assert.That(result.Ok, Is.False);
        var stored = await world.RequestAsync(result.Request!.Id);
        Assert.Multiple(() =>
        {
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Failed));
            Assert.That(stored.StateReason, Is.EqualTo("Manual policies 'web' and 'prod' both target web-1."));
            Assert.That(stored.PolicyName, Is.EqualTo("web, prod"));
            Assert.That(world.Store.Outbox.Select(m => (m.Kind, m.Via(), m.Recipient)), Is.EqualTo(new[]
            {
                (NotificationKind.DirectMessage, "console", WorkflowWorld.Requester), (NotificationKind.Email, "email", WorkflowWorld.Requester),
            }), "as JITNA does, the requester hears of the conflict");
            Assert.That(world.Store.Outbox[0].Card.Title, Is.EqualTo($"Access request {stored.Id} for web-1 failed: the policies conflict"));
            Assert.That(world.Store.Outbox[0].Card.Fields[0], Is.EqualTo(new CardField("Policies", "web, prod")));
            Assert.That(world.Store.Jobs, Is.Empty);
            Assert.That(world.Store.Audit.Single().Kind, Is.EqualTo("request.failed"));
        });
    }

    [Test]
    public async Task Submit_while_an_open_request_for_the_same_node_exists_is_refused_and_stores_nothing_new()
    {
        var world = new WorkflowWorld();
        var first = await world.PendingAsync();

        var second = await world.SubmitAsync("again");

        Assert.That(second.Ok, Is.False);
        Assert.That(second.Message, Does.Contain($"you already have request {first.Id}"));
        Assert.That(world.Store.Commits, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Submit_for_an_unknown_node_is_refused_without_storing()
    {
        var world = new WorkflowWorld();

        var results = await world.Workflow.SubmitAsync(WorkflowWorld.User(WorkflowWorld.Requester), ["no-such-node"], "why", null, null);

        Assert.That(results.Single().Ok, Is.False);
        Assert.That(results.Single().Message, Does.Contain("there is no node 'no-such-node'"));
        Assert.That(world.Store.Commits, Is.Empty);
    }

    [Test]
    public async Task Submit_by_someone_not_in_the_directory_is_refused_without_storing()
    {
        var world = new WorkflowWorld();

        var results = await world.Workflow.SubmitAsync(WorkflowWorld.User("ghost@example.com"), [world.Node.Id], "why", null, null);

        Assert.That(results.Single().Message, Does.Contain("ghost@example.com is not in the directory"));
        Assert.That(world.Store.Commits, Is.Empty);
    }

    [Test]
    public async Task Submit_for_several_nodes_decides_each_on_its_own()
    {
        var world = new WorkflowWorld();
        var other = world.Inventory.Add("i-0fff", "db-1");

        var results = await world.Workflow.SubmitAsync(WorkflowWorld.User(WorkflowWorld.Requester), [world.Node.Id, "missing", other.Id], "why", null, null);

        Assert.That(results.Select(r => r.Ok), Is.EqualTo(new[] { true, false, true }));
        Assert.That(world.Store.Commits.Select(c => c.Request.NodeId), Is.EqualTo(new[] { world.Node.Id, other.Id }));
    }

    [Test]
    public async Task The_reply_names_the_run_as_user_so_a_misread_reason_is_visible()
    {
        var world = new WorkflowWorld();

        var result = (await world.Workflow.SubmitAsync(WorkflowWorld.User(WorkflowWorld.Requester), [world.Node.Id], "same issue", null, "yesterday")).Single();

        Assert.That(result.Message, Does.EndWith("; as OS user 'yesterday'."));
        Assert.That(result.Request!.RunAs, Is.EqualTo("yesterday"));
    }

    [TestCase(10, 10, TestName = "Auto-approval grants a shorter window when one is asked for")]
    [TestCase(90, 60, TestName = "Auto-approval never grants more than the auto-approval duration")]
    public async Task Auto_approval_duration_is_the_shorter_of_asked_and_allowed(int askedMinutes, int grantedMinutes)
    {
        var world = new WorkflowWorld();
        world.Policy.Decision = new PolicyDecision.AutoApproved(["dev-self-service"], TimeSpan.FromHours(1), "statement dev-self-service permits");

        var result = await world.SubmitAsync(duration: TimeSpan.FromMinutes(askedMinutes));

        Assert.That((await world.RequestAsync(result.Request!.Id)).Duration, Is.EqualTo(TimeSpan.FromMinutes(grantedMinutes)));
    }

    [Test]
    public async Task The_answer_names_the_approvers_channels_of_the_platforms_this_deployment_runs_and_no_other()
    {
        var world = new WorkflowWorld();

        var result = (await world.Workflow.SubmitAsync(WorkflowWorld.User(WorkflowWorld.Requester), [world.Node.Id], "disk full", null, null)).Single();

        Assert.That(result.Message, Does.Contain("sent to approvals, #prod-approvals for approval"), "console and Slack run here");
        Assert.That(result.Message, Does.Not.Contain("Prod approvals"), "Teams does not, so nobody is told a card went there");
    }

    [Test]
    public async Task A_new_request_that_draws_an_id_already_taken_is_stored_under_another_one()
    {
        var world = new WorkflowWorld();
        var taken = await world.PendingAsync();
        await world.Workflow.RejectAsync(taken.Id, WorkflowWorld.User(WorkflowWorld.Approver));
        var draws = new Queue<string>([taken.Id, "ar-0000beef"]);
        world.Workflow.NewRequestId = draws.Dequeue;
        var refusedBefore = world.Store.RefusedCommits;

        var result = await world.SubmitAsync("disk full again");

        Assert.Multiple(async () =>
        {
            Assert.That(result.Ok, Is.True, result.Message);
            Assert.That(result.Request!.Id, Is.EqualTo("ar-0000beef"));
            Assert.That((await world.RequestAsync("ar-0000beef")).Reason, Is.EqualTo("disk full again"));
            Assert.That(await world.RequestAsync(taken.Id), Has.Property(nameof(AccessRequest.State)).EqualTo(AccessRequestState.Rejected)
                .And.Property(nameof(AccessRequest.Reason)).EqualTo("disk full"), "the request that held the id is untouched");
            Assert.That(world.Store.RefusedCommits, Is.EqualTo(refusedBefore + 1), "the store refused the taken id once");
        });
    }

    [Test]
    public async Task A_new_request_that_keeps_drawing_taken_ids_is_refused_with_a_try_again_and_nothing_is_stored()
    {
        var world = new WorkflowWorld();
        var taken = await world.PendingAsync();
        await world.Workflow.RejectAsync(taken.Id, WorkflowWorld.User(WorkflowWorld.Approver));
        world.Workflow.NewRequestId = () => taken.Id;
        var commits = world.Store.Commits.Count;

        var result = await world.SubmitAsync("disk full again");

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo("the request could not be stored; try again."));
        Assert.That(world.Store.Commits, Has.Count.EqualTo(commits));
    }
}
