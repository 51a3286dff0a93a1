using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Workflow;

/// <summary>Transitions people cause: approve, reject, cancel, revoke.</summary>
public sealed class DecisionTransitionTests
{
    private static (NotificationKind, string, string)[] ToRequester => [
        (NotificationKind.DirectMessage, "console", WorkflowWorld.Requester),
        (NotificationKind.Email, OutboxMessageExtensions.Email, WorkflowWorld.Requester),
    ];

    // The approvers' channel cards, and the DM the approver got on each platform: all redrawn for everyone.
    private static (NotificationKind, string, string)[] CardUpdates => [
        (NotificationKind.CardUpdate, "console", "approvals"),
        (NotificationKind.CardUpdate, "slack", "#prod-approvals"),
        (NotificationKind.CardUpdate, "console", WorkflowWorld.Approver),
        (NotificationKind.CardUpdate, "slack", WorkflowWorld.Approver),
    ];

    private static IEnumerable<(NotificationKind, string, string)> Shape(IEnumerable<OutboxMessage> messages) =>
        messages.Select(m => (m.Kind, m.Via(), m.Recipient));

    [Test]
    public async Task Approve_of_a_one_level_request_makes_it_approved_with_a_grant_job_and_cancels_the_time_out()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();

        var result = await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));

        Assert.That(result.Ok, Is.True, result.Message);
        var stored = await world.RequestAsync(pending.Id);
        var commit = world.Store.Commits[^1];
        Assert.Multiple(() =>
        {
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Approved));
            Assert.That(stored.Version, Is.EqualTo(2));
            Assert.That(stored.DecidedBy, Is.EqualTo(WorkflowWorld.Approver));
            Assert.That(commit.ExpectedVersion, Is.EqualTo(1));
            Assert.That(commit.CancelJobs, Is.EqualTo(new[] { JobKind.TimeOut }));
            Assert.That(world.Store.JobsFor(pending.Id).Select(j => (j.Kind, j.DueAt)), Is.EqualTo(new[] { (JobKind.Grant, WorkflowWorld.Start) }),
                "the time-out job is gone and the grant job is due at once");
            Assert.That(Shape(commit.Notifications), Is.EquivalentTo(CardUpdates));
            Assert.That(world.Store.Audit[^1].Kind, Is.EqualTo("request.approved"));
        });
    }

    [Test]
    public async Task Reject_of_a_pending_request_makes_it_rejected_tells_the_requester_and_cancels_the_time_out()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();

        var result = await world.Workflow.RejectAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));

        Assert.That(result.Ok, Is.True, result.Message);
        var stored = await world.RequestAsync(pending.Id);
        var commit = world.Store.Commits[^1];
        Assert.Multiple(() =>
        {
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Rejected));
            Assert.That(stored.DecidedBy, Is.EqualTo(WorkflowWorld.Approver));
            Assert.That(stored.EndedAt, Is.EqualTo(WorkflowWorld.Start));
            Assert.That(Shape(commit.Notifications), Is.EquivalentTo(CardUpdates.Concat(ToRequester)));
            Assert.That(world.Store.JobsFor(pending.Id), Is.Empty);
            Assert.That(world.Store.CancelledJobKinds, Does.Contain((pending.Id, JobKind.TimeOut)));
        });
    }

    [Test]
    public async Task Reject_of_a_request_asked_from_a_platform_not_enabled_tells_the_requester_by_email_only()
    {
        var world = new WorkflowWorld();
        var submitted = (await world.Workflow.SubmitAsync(new ChatOpsJit.Core.Chat.ChatUser(ChatOpsJit.Core.Chat.PlatformName.Teams, "29:teams-id", WorkflowWorld.Requester), [world.Node.Id], "why", null, null)).Single();

        await world.Workflow.RejectAsync(submitted.Request!.Id, WorkflowWorld.User(WorkflowWorld.Approver));

        var toRequester = world.Store.Commits[^1].Notifications.Where(m => m.Recipient == WorkflowWorld.Requester);
        Assert.That(Shape(toRequester), Is.EqualTo(new[] { (NotificationKind.Email, OutboxMessageExtensions.Email, WorkflowWorld.Requester) }));
    }

    [Test]
    public async Task Reject_by_a_stranger_is_refused_and_changes_nothing()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();

        var result = await world.Workflow.RejectAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Stranger));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"you are not an approver of request {pending.Id}."));
        Assert.That((await world.RequestAsync(pending.Id)).Version, Is.EqualTo(1));
    }

    [Test]
    public async Task Cancel_by_the_requester_makes_a_pending_request_cancelled_and_updates_the_card()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();

        var result = await world.Workflow.CancelAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Requester));

        Assert.That(result.Ok, Is.True, result.Message);
        var stored = await world.RequestAsync(pending.Id);
        Assert.Multiple(() =>
        {
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Cancelled));
            Assert.That(stored.DecidedBy, Is.EqualTo(WorkflowWorld.Requester));
            Assert.That(Shape(world.Store.Commits[^1].Notifications), Is.EquivalentTo(CardUpdates));
            Assert.That(world.Store.JobsFor(pending.Id), Is.Empty);
        });
    }

    [TestCase(WorkflowWorld.Approver)]
    [TestCase(WorkflowWorld.Stranger)]
    public async Task Cancel_by_anyone_but_the_requester_is_refused(string actor)
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();

        var result = await world.Workflow.CancelAsync(pending.Id, WorkflowWorld.User(actor));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"only {WorkflowWorld.Requester}, who asked, can cancel request {pending.Id}."));
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Pending));
    }

    [Test]
    public async Task Cancel_of_an_active_request_is_refused()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();

        var result = await world.Workflow.CancelAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Does.Contain("only pending requests can be cancelled"));
    }

    [TestCase(WorkflowWorld.Requester)]
    [TestCase(WorkflowWorld.Approver)]
    public async Task Revoke_of_an_active_grant_by_requester_or_approver_makes_it_revoked_schedules_end_sessions_and_cancels_expiry(string actor)
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        Assert.That(world.Store.JobsFor(active.Id).Select(j => j.Kind), Is.EqualTo(new[] { JobKind.Expire, JobKind.Remind }));

        var result = await world.Workflow.RevokeAsync(active.Id, WorkflowWorld.User(actor));

        Assert.That(result.Ok, Is.True, result.Message);
        var stored = await world.RequestAsync(active.Id);
        var commit = world.Store.Commits[^1];
        Assert.Multiple(() =>
        {
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Revoked));
            Assert.That(stored.DecidedBy, Is.EqualTo(actor));
            Assert.That(commit.CancelJobs, Does.Contain(JobKind.Expire).And.Contain(JobKind.Remind));
            Assert.That(world.Store.JobsFor(active.Id).Select(j => (j.Kind, j.DueAt)), Is.EqualTo(new[] { (JobKind.EndSessions, WorkflowWorld.Start) }));
            Assert.That(world.Store.DroppedJobs.Select(j => j.Kind), Is.EqualTo(new[] { JobKind.TimeOut, JobKind.Expire, JobKind.Remind }));
        });
    }

    [Test]
    public async Task Revoke_by_a_stranger_is_refused_and_the_grant_stays_active()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();

        var result = await world.Workflow.RevokeAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Stranger));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"only the requester or an approver of request {active.Id} can revoke it."));
        Assert.That((await world.RequestAsync(active.Id)).State, Is.EqualTo(AccessRequestState.Active));
        Assert.That(world.Store.JobsFor(active.Id).Select(j => j.Kind), Is.EqualTo(new[] { JobKind.Expire, JobKind.Remind }));
    }

    [Test]
    public async Task Revoke_of_a_pending_request_is_refused()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();

        var result = await world.Workflow.RevokeAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Does.Contain("is pending, not active, so there is nothing to revoke"));
    }

    [Test]
    public async Task Revoke_of_auto_approved_access_is_refused_by_default()
    {
        var world = new WorkflowWorld();
        var active = await AutoApprovedActiveAsync(world);

        var result = await world.Workflow.RevokeAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Does.Contain("auto-approved access cannot be revoked"));
        Assert.That((await world.RequestAsync(active.Id)).State, Is.EqualTo(AccessRequestState.Active));
    }

    [Test]
    public async Task Revoke_of_auto_approved_access_is_allowed_when_the_operator_allows_it()
    {
        var world = new WorkflowWorld(configure: o => o.AllowRevokingAutoApproved = true);
        var active = await AutoApprovedActiveAsync(world);

        var result = await world.Workflow.RevokeAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester));

        Assert.That(result.Ok, Is.True, result.Message);
        Assert.That((await world.RequestAsync(active.Id)).State, Is.EqualTo(AccessRequestState.Revoked));
        Assert.That(world.Store.JobsFor(active.Id).Select(j => j.Kind), Is.EqualTo(new[] { JobKind.EndSessions }));
    }

    [Test]
    public async Task Revoke_of_an_approved_request_before_its_grant_cancels_the_grant_job()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));

        var result = await world.Workflow.RevokeAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Requester));

        Assert.That(result.Ok, Is.True, result.Message);
        Assert.That(world.Store.JobsFor(pending.Id).Select(j => j.Kind), Is.EqualTo(new[] { JobKind.EndSessions }));
        await world.RunDueAsync();
        Assert.That(world.Grantor.Granted, Is.Empty, "the grant job was cancelled, so nothing was granted");
    }

    private static async Task<AccessRequest> AutoApprovedActiveAsync(WorkflowWorld world)
    {
        world.Policy.Decision = new PolicyDecision.AutoApproved(["self-service"], TimeSpan.FromHours(1), "permitted");
        var result = await world.SubmitAsync();
        await world.RunDueAsync();
        var active = await world.RequestAsync(result.Request!.Id);
        Assert.That(active.State, Is.EqualTo(AccessRequestState.Active));
        return active;
    }

    [Test]
    public async Task The_audit_names_people_by_their_directory_email_never_by_the_text_a_platform_passed()
    {
        var world = new WorkflowWorld();
        var typed = new ChatOpsJit.Core.Chat.ChatUser(ChatOpsJit.Core.Chat.PlatformName.Console, "U-dev", "  DEV@Example.COM ".Trim());
        var submitted = (await world.Workflow.SubmitAsync(typed, [world.Node.Id], "disk full", null, null)).Single();

        await world.Workflow.CancelAsync(submitted.Request!.Id, typed);

        Assert.That(world.Store.Audit.Select(a => (a.Kind, a.Actor)), Is.EqualTo(new[]
        {
            ("request.submitted", WorkflowWorld.Requester), ("request.cancelled", WorkflowWorld.Requester),
        }));
        Assert.That((await world.RequestAsync(submitted.Request.Id)).DecidedBy, Is.EqualTo(WorkflowWorld.Requester));
    }
}
