using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Tests.Fakes;
using ChatOpsJit.Core.Workflow;

namespace ChatOpsJit.Core.Tests.Workflow;

/// <summary>Transitions due work causes: grant, expire, end sessions, time out.</summary>
public sealed class JobTransitionTests
{
    private static IEnumerable<(NotificationKind, string, string)> Shape(IEnumerable<OutboxMessage> messages) =>
        messages.Select(m => (m.Kind, m.Via(), m.Recipient));

    private static IEnumerable<(NotificationKind, string, string)> RequesterOnly(IEnumerable<OutboxMessage> messages) =>
        Shape(messages).Where(s => s.Item1 is NotificationKind.DirectMessage or NotificationKind.Email);

    private static readonly (NotificationKind, string, string)[] DmAndEmail =
    [
        (NotificationKind.DirectMessage, "console", WorkflowWorld.Requester),
        (NotificationKind.Email, OutboxMessageExtensions.Email, WorkflowWorld.Requester),
    ];

    [Test]
    public async Task Grant_job_makes_an_approved_request_active_until_its_approval_plus_its_duration_with_expire_and_remind_jobs_and_tells_the_requester()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));
        world.Time.Advance(TimeSpan.FromSeconds(3));

        var ran = await world.RunDueAsync();

        // JITNA counts the window from the final approval, not from when the grant job happened to run.
        var expected = WorkflowWorld.Start + TimeSpan.FromHours(2);
        var stored = await world.RequestAsync(pending.Id);
        var commit = world.Store.Commits[^1];
        Assert.Multiple(() =>
        {
            Assert.That(ran.Select(r => (r.Job.Kind, r.Outcome.Done)), Is.EqualTo(new[] { (JobKind.Grant, true) }));
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Active));
            Assert.That(stored.ActivatedAt, Is.EqualTo(WorkflowWorld.Start + TimeSpan.FromSeconds(3)));
            Assert.That(stored.ExpiresAt, Is.EqualTo(expected));
            Assert.That(stored.ConnectInstructions, Is.EqualTo($"aws ssm start-session --target {world.Node.Id}"));
            Assert.That(world.Store.JobsFor(pending.Id).Select(j => (j.Kind, j.DueAt)), Is.EqualTo(new[] { (JobKind.Expire, expected), (JobKind.Remind, expected - TimeSpan.FromMinutes(15)) }));
            Assert.That(RequesterOnly(commit.Notifications), Is.EquivalentTo(DmAndEmail));
            Assert.That(commit.Notifications.First(m => m.Kind == NotificationKind.Email).Card.Title, Is.EqualTo("Access to web-1: Active until 2025-03-03 11:00 UTC"));
            Assert.That(world.Grantor.Granted, Is.EqualTo(new[] { pending.Id }));
        });
    }

    [Test]
    public async Task Expire_job_at_its_due_time_makes_an_active_request_expired_and_schedules_end_sessions()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        world.Time.Advance(TimeSpan.FromHours(2));

        var ran = await world.RunDueAsync();

        var stored = await world.RequestAsync(active.Id);
        Assert.Multiple(() =>
        {
            Assert.That(ran.Select(r => r.Job.Kind), Is.EqualTo(new[] { JobKind.Remind, JobKind.Expire }), "the reminder came due first, too late to remind");
            Assert.That(stored.RemindedFor, Is.Empty);
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Expired));
            Assert.That(stored.EndedAt, Is.EqualTo(active.ExpiresAt));
            Assert.That(world.Store.JobsFor(active.Id).Select(j => (j.Kind, j.DueAt)), Is.EqualTo(new[] { (JobKind.EndSessions, active.ExpiresAt!.Value) }));
            Assert.That(RequesterOnly(world.Store.Commits[^1].Notifications), Is.Empty, "the requester hears once the sessions are ended");
        });
    }

    [Test]
    public async Task Expire_job_run_before_expires_at_does_nothing()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        world.Time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        var commits = world.Store.Commits.Count;

        var outcome = await world.RunAsync(active.Id, JobKind.Expire);

        Assert.That(outcome.Done, Is.True);
        Assert.That((await world.RequestAsync(active.Id)).State, Is.EqualTo(AccessRequestState.Active));
        Assert.That(world.Store.Commits, Has.Count.EqualTo(commits));
    }

    [Test]
    public async Task Expire_and_end_sessions_jobs_whose_change_commits_say_their_rows_went_with_it_and_the_others_do_not()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        var early = await world.RunAsync(active.Id, JobKind.Expire);
        world.Time.Advance(TimeSpan.FromHours(2));

        var expired = await world.RunDueAsync();
        var withdrawn = await world.RunDueAsync();
        var again = await world.RunAsync(active.Id, JobKind.EndSessions);

        Assert.Multiple(() =>
        {
            Assert.That(early, Is.EqualTo(JobOutcome.Finished), "not due yet: nothing committed, so its row is still to complete");
            Assert.That(expired.Select(r => (r.Job.Kind, r.Outcome.RowDeleted)), Is.EqualTo(new[] { (JobKind.Remind, false), (JobKind.Expire, true) }),
                "the reminder came too late and committed nothing; the expiry cancelled its own kind");
            Assert.That(withdrawn.Select(r => (r.Job.Kind, r.Outcome.RowDeleted)), Is.EqualTo(new[] { (JobKind.EndSessions, true) }));
            Assert.That(again.RowDeleted, Is.False, "already withdrawn: nothing committed");
            Assert.That(world.Store.JobsFor(active.Id), Is.Empty);
        });
    }

    [Test]
    public async Task End_sessions_records_the_sessions_ended_marks_the_grant_withdrawn_and_tells_the_requester()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        world.Grantor.OpenSessions = 3;
        world.Time.Advance(TimeSpan.FromHours(2));
        await world.RunDueAsync(); // expire

        var ran = await world.RunDueAsync(); // end sessions

        var stored = await world.RequestAsync(active.Id);
        var commit = world.Store.Commits[^1];
        Assert.Multiple(() =>
        {
            Assert.That(ran.Select(r => r.Job.Kind), Is.EqualTo(new[] { JobKind.EndSessions }));
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Expired));
            Assert.That(stored.SessionsEnded, Is.EqualTo(3));
            Assert.That(stored.GrantWithdrawn, Is.True);
            Assert.That(Shape(commit.Notifications), Is.EquivalentTo(DmAndEmail));
            Assert.That(commit.Notifications[0].Card.Text, Does.Contain("3 live sessions were ended."));
            Assert.That(world.Grantor.Revoked, Is.EqualTo(new[] { active.Id }));
            Assert.That(world.Store.JobsFor(active.Id), Is.Empty);
        });
    }

    [Test]
    public async Task End_sessions_that_could_not_all_be_ended_audits_each_session_and_tells_the_requester_which_are_still_open()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        world.Grantor.OpenSessions = 2;
        world.Grantor.NotEnded = ["session-x: AccessDeniedException: not authorized"];
        world.Time.Advance(TimeSpan.FromHours(2));
        await world.RunDueAsync(); // expire

        await world.RunDueAsync(); // end sessions

        var stored = await world.RequestAsync(active.Id);
        var dm = world.Store.Commits[^1].Notifications.First(m => m.Kind == NotificationKind.DirectMessage).Card;
        Assert.Multiple(() =>
        {
            Assert.That(stored.SessionsNotEnded, Is.EqualTo(new[] { "session-x: AccessDeniedException: not authorized" }));
            Assert.That(world.Store.Audit[^1].Data, Is.EqualTo("{\"sessionsEnded\":2,\"sessions\":[\"session-1-1\",\"session-1-2\"],\"notEnded\":[\"session-x: AccessDeniedException: not authorized\"]}"));
            Assert.That(dm.Fields.Single(f => f.Label == "Sessions that could not be ended").Value, Is.EqualTo("session-x: AccessDeniedException: not authorized"));
            Assert.That(dm.Tone, Is.EqualTo(CardTone.Warning));
        });
    }

    [Test]
    public async Task A_revoked_grant_is_swept_every_minute_until_its_credentials_lapse_and_a_late_session_is_ended_and_audited()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        world.Grantor.SweepUntil = world.Now + TimeSpan.FromMinutes(3);
        await world.Workflow.RevokeAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester));
        await world.RunDueAsync(); // end sessions: none yet
        var messages = world.Store.Outbox.Count;

        world.Time.Advance(TimeSpan.FromMinutes(1));
        var quiet = await world.RunDueAsync(); // a sweep that finds nothing
        world.Grantor.OpenSessions = 1; // a session started with credentials handed out before the revocation
        world.Time.Advance(TimeSpan.FromMinutes(1));
        var found = await world.RunDueAsync();
        world.Grantor.OpenSessions = 0;
        world.Time.Advance(TimeSpan.FromMinutes(1));
        var last = await world.RunDueAsync();
        world.Time.Advance(TimeSpan.FromMinutes(5));
        var after = await world.RunDueAsync();

        var stored = await world.RequestAsync(active.Id);
        var swept = world.Store.Audit.Where(a => a.Kind == AuditKinds.SessionsSwept).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(quiet.Select(r => (r.Job.Kind, r.Outcome.Done)), Is.EqualTo(new[] { (JobKind.SweepSessions, false) }));
            Assert.That(found.Select(r => (r.Job.Kind, r.Outcome.Done)), Is.EqualTo(new[] { (JobKind.SweepSessions, false) }));
            Assert.That(last.Select(r => (r.Job.Kind, r.Outcome.Done)), Is.EqualTo(new[] { (JobKind.SweepSessions, true) }), "the last sweep before the credentials lapse");
            Assert.That(after, Is.Empty);
            Assert.That(swept.Select(a => a.Data), Is.EqualTo(new[] { "{\"sessions\":[\"session-3-1\"]}" }));
            Assert.That(stored.SessionsEnded, Is.EqualTo(1));
            Assert.That(world.Store.Outbox, Has.Count.EqualTo(messages), "a sweep tells nobody again");
            Assert.That(world.Grantor.Revoked, Has.Count.EqualTo(4));
        });
    }

    [Test]
    public async Task A_sweep_that_fails_at_its_deadline_is_not_retried_because_no_credential_of_the_grant_works_any_more()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        world.Grantor.SweepUntil = world.Now + TimeSpan.FromMinutes(1);
        await world.Workflow.RevokeAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester));
        await world.RunDueAsync(); // end sessions
        world.Grantor.FailRevokes = 5;

        world.Time.Advance(TimeSpan.FromMinutes(1));
        var last = await world.RunDueAsync();

        Assert.That(last.Select(r => (r.Job.Kind, r.Outcome.Done)), Is.EqualTo(new[] { (JobKind.SweepSessions, true) }));
        Assert.That(world.Store.JobsFor(active.Id), Is.Empty);
    }

    [Test]
    public async Task A_withdrawal_whose_sweep_deadline_has_already_passed_schedules_no_sweep()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        world.Time.Advance(TimeSpan.FromHours(2));
        world.Grantor.SweepUntil = active.ExpiresAt;
        await world.RunDueAsync(); // expire
        await world.RunDueAsync(); // end sessions

        Assert.That(world.Store.JobsFor(active.Id), Is.Empty);
        Assert.That((await world.RequestAsync(active.Id)).SweepUntil, Is.Null);
    }

    [Test]
    public async Task End_sessions_run_a_second_time_does_nothing()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        world.Time.Advance(TimeSpan.FromHours(2));
        await world.RunDueAsync();
        await world.RunDueAsync();
        var commits = world.Store.Commits.Count;
        var messages = world.Store.Outbox.Count;

        var outcome = await world.RunAsync(active.Id, JobKind.EndSessions);

        Assert.That(outcome.Done, Is.True);
        Assert.That(world.Store.Commits, Has.Count.EqualTo(commits));
        Assert.That(world.Store.Outbox, Has.Count.EqualTo(messages), "no second DM or email");
        Assert.That(world.Grantor.Revoked, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task End_sessions_after_a_revocation_tells_the_requester_who_revoked()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        await world.Workflow.RevokeAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Approver));

        await world.RunDueAsync();

        var stored = await world.RequestAsync(active.Id);
        var dm = world.Store.Commits[^1].Notifications.Single(m => m.Kind == NotificationKind.DirectMessage);
        Assert.That(stored.GrantWithdrawn, Is.True);
        Assert.That(dm.Card.Title, Is.EqualTo("Access to web-1 revoked"));
        Assert.That(dm.Card.Text, Does.StartWith($"{WorkflowWorld.Named(WorkflowWorld.Approver)} revoked your access"));
    }

    [Test]
    public async Task Time_out_job_makes_an_unanswered_request_timed_out_at_its_due_time_and_tells_the_requester()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();
        world.Time.Advance(TimeSpan.FromDays(7));

        var ran = await world.RunDueAsync();

        var stored = await world.RequestAsync(pending.Id);
        Assert.Multiple(() =>
        {
            Assert.That(ran.Select(r => r.Job.Kind), Is.EqualTo(new[] { JobKind.TimeOut }));
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.TimedOut));
            Assert.That(stored.EndedAt, Is.EqualTo(WorkflowWorld.Start + TimeSpan.FromDays(7)));
            Assert.That(RequesterOnly(world.Store.Commits[^1].Notifications), Is.EquivalentTo(DmAndEmail));
        });
    }

    [Test]
    public async Task Time_out_job_run_before_pending_until_does_nothing()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();
        world.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));

        var claimed = await world.RunDueAsync();
        var outcome = await world.RunAsync(pending.Id, JobKind.TimeOut);

        Assert.That(claimed, Is.Empty, "the job is not due yet");
        Assert.That(outcome.Done, Is.True);
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Pending));
        Assert.That(world.Store.Commits, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Failing_grant_is_retried_with_doubling_backoff()
    {
        var world = new WorkflowWorld();
        world.Grantor.FailGrants = 2;
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));

        var first = (await world.RunDueAsync()).Single().Outcome;
        world.Time.Advance(TimeSpan.FromSeconds(10));
        var second = (await world.RunDueAsync()).Single().Outcome;
        world.Time.Advance(TimeSpan.FromSeconds(20));
        var third = (await world.RunDueAsync()).Single().Outcome;

        Assert.Multiple(async () =>
        {
            Assert.That(first.Done, Is.False);
            Assert.That(first.RetryAt, Is.EqualTo(WorkflowWorld.Start + TimeSpan.FromSeconds(10)));
            Assert.That(first.Error, Is.EqualTo("token role cannot be assumed"));
            Assert.That(second.RetryAt, Is.EqualTo(WorkflowWorld.Start + TimeSpan.FromSeconds(10) + TimeSpan.FromSeconds(20)));
            Assert.That(third.Done, Is.True);
            Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Active));
        });
    }

    [Test]
    public async Task Grant_failing_on_the_last_allowed_attempt_makes_the_request_failed_and_tells_the_requester()
    {
        var world = new WorkflowWorld(configure: o => o.MaxGrantAttempts = 3);
        world.Grantor.FailGrants = int.MaxValue;
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));

        var outcomes = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add((await world.RunDueAsync()).Single().Outcome.Done);
            world.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var stored = await world.RequestAsync(pending.Id);
        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Is.EqualTo(new[] { false, false, true }));
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Failed));
            Assert.That(stored.StateReason, Is.EqualTo("The grant could not be issued after 3 attempts: token role cannot be assumed"));
            Assert.That(RequesterOnly(world.Store.Commits[^1].Notifications), Is.EquivalentTo(DmAndEmail));
            Assert.That(world.Store.JobsFor(pending.Id), Is.Empty);
            Assert.That(world.Grantor.Granted, Is.Empty);
        });
    }

    [TestCase(JobKind.Grant)]
    [TestCase(JobKind.Expire)]
    [TestCase(JobKind.EndSessions)]
    public async Task Jobs_for_a_request_still_pending_do_nothing(JobKind kind)
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();
        world.Time.Advance(TimeSpan.FromDays(1));

        var outcome = await world.RunAsync(pending.Id, kind);

        Assert.That(outcome.Done, Is.True);
        Assert.That(world.Store.Commits, Has.Count.EqualTo(1));
        Assert.That(world.Grantor.Granted.Concat(world.Grantor.Revoked), Is.Empty);
    }

    [TestCase(JobKind.Grant)]
    [TestCase(JobKind.TimeOut)]
    [TestCase(JobKind.Expire)]
    public async Task Jobs_for_a_request_that_was_rejected_do_nothing(JobKind kind)
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();
        await world.Workflow.RejectAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));
        world.Time.Advance(TimeSpan.FromDays(8));

        var outcome = await world.RunAsync(pending.Id, kind);

        Assert.That(outcome.Done, Is.True);
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Rejected));
        Assert.That(world.Store.Commits, Has.Count.EqualTo(2));
        Assert.That(world.Grantor.Granted, Is.Empty);
    }

    [Test]
    public async Task Grant_job_for_a_request_already_active_does_not_grant_again()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        var commits = world.Store.Commits.Count;

        await world.RunAsync(active.Id, JobKind.Grant);

        Assert.That(world.Grantor.Granted, Has.Count.EqualTo(1));
        Assert.That(world.Store.Commits, Has.Count.EqualTo(commits));
    }

    [Test]
    public async Task Expire_job_for_a_revoked_request_does_nothing()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        await world.Workflow.RevokeAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester));
        world.Time.Advance(TimeSpan.FromHours(3));
        var commits = world.Store.Commits.Count;

        await world.RunAsync(active.Id, JobKind.Expire);

        Assert.That((await world.RequestAsync(active.Id)).State, Is.EqualTo(AccessRequestState.Revoked));
        Assert.That(world.Store.Commits, Has.Count.EqualTo(commits));
    }

    [Test]
    public async Task Job_for_an_unknown_request_does_nothing()
    {
        var world = new WorkflowWorld();

        var outcomes = new List<JobOutcome>();
        foreach (var kind in Enum.GetValues<JobKind>())
        {
            outcomes.Add(await world.RunAsync("ar-00000000", kind));
        }

        Assert.That(outcomes.Select(o => o.Done), Is.All.True);
        Assert.That(world.Store.Commits, Is.Empty);
    }

    [Test]
    public async Task Whole_life_of_a_request_writes_one_intact_audit_chain_in_order()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        world.Time.Advance(TimeSpan.FromHours(2));
        await world.RunDueAsync();
        await world.RunDueAsync();

        Assert.That(world.Store.Audit.Select(a => a.Kind), Is.EqualTo(new[]
        {
            "request.submitted", "request.approved", "grant.issued", "request.expired", "grant.withdrawn",
        }));
        Assert.That(world.Store.Commits.Select(c => c.ExpectedVersion), Is.EqualTo(new long[] { 0, 1, 2, 3, 4 }));
        Assert.That(AuditChain.Verify(world.Store.Audit, world.Store.AuditKeys.All), Is.Null);
        Assert.That(world.Store.Audit.Select(a => a.RequestId), Is.All.EqualTo(active.Id));
    }
}
