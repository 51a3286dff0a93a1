using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Workflow;

/// <summary>
/// Deadlines hold where the decision is made, with the jobs that enforce them held back (the host was down, or the
/// scheduler is late): nothing is approved after the pending deadline and nothing is granted after the window's end.
/// </summary>
public sealed class DeadlineTests
{
    private static readonly TimeSpan PendingTimeout = TimeSpan.FromDays(7);

    [Test]
    public async Task An_approval_after_the_pending_deadline_is_refused_and_times_the_request_out_in_the_same_commit()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();
        world.Time.Advance(PendingTimeout);
        var commits = world.Store.Commits.Count;

        // The time-out job is due but not run: nothing has claimed it.
        var result = await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));

        var stored = await world.RequestAsync(pending.Id);
        Assert.Multiple(() =>
        {
            Assert.That(result.Ok, Is.False);
            Assert.That(result.Message, Is.EqualTo($"request {pending.Id} timed out at 2025-03-10 09:00 UTC before anyone decided; it can no longer be approved or rejected. Ask again with /access."));
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.TimedOut));
            Assert.That(stored.Approvals, Is.Empty, "the late approval is not recorded");
            Assert.That(world.Store.Commits, Has.Count.EqualTo(commits + 1), "one commit: the time-out");
            Assert.That(world.Store.Audit[^1].Kind, Is.EqualTo(AuditKinds.RequestTimedOut));
            Assert.That(world.Store.JobsFor(pending.Id), Is.Empty, "the time-out job is dropped with it");
            Assert.That(world.Grantor.Granted, Is.Empty);
        });
    }

    [TestCase("reject")]
    [TestCase("cancel")]
    public async Task A_rejection_or_cancellation_after_the_pending_deadline_is_refused_with_the_time_out_as_the_reason(string action)
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();
        world.Time.Advance(PendingTimeout + TimeSpan.FromHours(3));

        var result = action == "reject"
            ? await world.Workflow.RejectAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver))
            : await world.Workflow.CancelAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Requester));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Does.StartWith($"request {pending.Id} timed out at 2025-03-10 09:00 UTC"));
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.TimedOut));
        Assert.That(world.Store.Commits[^1].Notifications.Where(m => m.Recipient == WorkflowWorld.Requester && m.Kind == NotificationKind.DirectMessage).Select(m => m.Card.Title),
            Is.EqualTo(new[] { $"Access request {pending.Id} timed out" }), "the requester hears why");
    }

    [Test]
    public async Task An_approval_a_moment_before_the_deadline_still_counts()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();
        world.Time.Advance(PendingTimeout - TimeSpan.FromTicks(1));

        var result = await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));

        Assert.That(result.Ok, Is.True, result.Message);
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Approved));
    }

    [Test]
    public async Task The_window_is_fixed_at_approval_so_a_grant_job_that_runs_after_it_closed_grants_nothing()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));
        Assert.That((await world.RequestAsync(pending.Id)).ExpiresAt, Is.EqualTo(WorkflowWorld.Start + TimeSpan.FromHours(2)));

        // The host was down for three hours: the grant job runs only now.
        world.Time.Advance(TimeSpan.FromHours(3));
        await world.RunDueAsync();

        var stored = await world.RequestAsync(pending.Id);
        Assert.Multiple(() =>
        {
            Assert.That(world.Grantor.Granted, Is.Empty, "the grantor was never asked");
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Expired));
            Assert.That(stored.ActivatedAt, Is.Null);
            Assert.That(stored.StateReason, Is.EqualTo("the access window closed before the grant could be issued"));
            Assert.That(world.Store.JobsFor(pending.Id).Select(j => j.Kind), Is.EqualTo(new[] { JobKind.EndSessions }));
        });

        await world.RunDueAsync();
        var ended = world.Store.Commits[^1].Notifications.Single(m => m.Kind == NotificationKind.DirectMessage).Card;
        Assert.That(ended.Text, Does.StartWith("Your access was approved, but its window closed at 2025-03-03 11:00 UTC before the grant could be issued."));
    }

    [Test]
    public async Task A_grant_that_completes_after_the_window_closed_is_expired_and_withdrawn_not_activated()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));
        // The grantor takes longer than the whole window.
        world.Grantor.WhileGranting = _ =>
        {
            world.Time.Advance(TimeSpan.FromHours(2));
            return Task.CompletedTask;
        };

        await world.RunDueAsync();

        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Expired));
        await world.RunDueAsync();
        Assert.That(world.Grantor.Revoked, Is.EqualTo(new[] { pending.Id }), "what reached the grantor is withdrawn");
        Assert.That(world.Store.Audit.Select(a => a.Kind), Does.Not.Contain(AuditKinds.GrantIssued));
    }

    [Test]
    public async Task Two_overlapping_runs_of_the_grant_job_never_withdraw_the_live_grant()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));
        // Both runs reach the grantor before either commits, as two replicas whose leases overlapped would.
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        world.Grantor.WhileGranting = async _ =>
        {
            if (Interlocked.Increment(ref arrived) == 2)
            {
                both.SetResult();
            }

            await both.Task.WaitAsync(TimeSpan.FromSeconds(10));
        };

        var job = new DueJob(pending.Id, JobKind.Grant, world.Now) { Attempts = 1 };
        var outcomes = await Task.WhenAll(world.Runner.RunAsync(job), world.Runner.RunAsync(job));

        var stored = await world.RequestAsync(pending.Id);
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Select(o => o.Done), Is.All.True);
            Assert.That(world.Grantor.Granted, Has.Count.EqualTo(2), "both runs reached the grantor");
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Active));
            Assert.That(world.Grantor.Revoked, Is.Empty, "the run that lost the commit must not withdraw the grant the other one made active");
            Assert.That(world.Store.Audit.Count(a => a.Kind == AuditKinds.GrantIssued), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_grant_that_lands_after_a_revocation_is_withdrawn()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));
        // Revoked while the grantor is still working: the state re-read after the grant says it must not exist.
        world.Grantor.WhileGranting = async r => await world.Workflow.RevokeAsync(r.Id, WorkflowWorld.User(WorkflowWorld.Requester));

        await world.Runner.RunAsync(new DueJob(pending.Id, JobKind.Grant, world.Now) { Attempts = 1 });

        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Revoked));
        Assert.That(world.Grantor.Revoked, Is.EqualTo(new[] { pending.Id }));
    }

    [Test]
    public async Task Revoking_after_the_window_closed_but_before_the_expiry_job_ran_expires_it_and_says_so()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        world.Time.Advance(TimeSpan.FromHours(2));

        var result = await world.Workflow.RevokeAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"the access window of request {active.Id} closed at 2025-03-03 11:00 UTC; ask again with /access."));
        Assert.That((await world.RequestAsync(active.Id)).State, Is.EqualTo(AccessRequestState.Expired));
        Assert.That(world.Store.JobsFor(active.Id).Select(j => j.Kind), Is.EqualTo(new[] { JobKind.EndSessions }));
    }
}
