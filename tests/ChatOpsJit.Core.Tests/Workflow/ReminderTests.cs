using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Workflow;

/// <summary>A reminder before the window closes, once per end, with an Extend button while extending is possible.</summary>
public sealed class ReminderTests
{
    private static OutboxMessage ReminderDm(WorkflowWorld world, string id, int number) =>
        world.Store.OutboxFor(id).Last(m => m.CardKey == $"reminder:{id}:{number}");

    [Test]
    public async Task The_requester_is_reminded_fifteen_minutes_before_the_end_by_a_dm_with_an_extend_button_and_an_email()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        world.Time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(15));

        var ran = await world.RunDueAsync();

        var stored = await world.RequestAsync(active.Id);
        var commit = world.Store.Commits[^1];
        Assert.Multiple(() =>
        {
            Assert.That(ran.Select(r => r.Job.Kind), Is.EqualTo(new[] { JobKind.Remind }));
            Assert.That(stored.RemindedFor, Is.EqualTo(new[] { active.ExpiresAt!.Value }));
            Assert.That(commit.Notifications.Select(m => (m.Kind, m.Via(), m.Recipient)), Is.EquivalentTo(new[]
            {
                (NotificationKind.DirectMessage, "console", WorkflowWorld.Requester), (NotificationKind.Email, "email", WorkflowWorld.Requester),
            }));
            var dm = ReminderDm(world, active.Id, 1);
            Assert.That(dm.Card.Title, Is.EqualTo("Access to web-1 ends at 2025-03-03 11:00 UTC"));
            Assert.That(dm.Card.Actions.Select(a => (a.Verb, a.Audience)), Is.EqualTo(new[] { (CardVerb.Extend, CardAudience.Requester) }));
            Assert.That(world.Store.Audit[^1].Kind, Is.EqualTo(AuditKinds.RequestReminded));
        });
    }

    [Test]
    public async Task A_reminder_is_sent_once_per_end_even_if_its_job_runs_twice()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();
        world.Time.Advance(TimeSpan.FromMinutes(110));
        await world.RunDueAsync();
        var messages = world.Store.Outbox.Count;

        var again = await world.RunAsync(active.Id, JobKind.Remind);

        Assert.That(again.Done, Is.True);
        Assert.That(world.Store.Outbox, Has.Count.EqualTo(messages));
        Assert.That((await world.RequestAsync(active.Id)).RemindedFor, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task After_an_extension_the_old_reminder_loses_its_button_and_a_new_one_comes_before_the_new_end()
    {
        var world = new WorkflowWorld();
        world.Policy.Decision = new PolicyDecision.NeedsApproval(world.ManualPolicy with { Extension = ExtensionRule.Auto }, "applies");
        var active = await world.ActiveAsync();
        world.Time.Advance(TimeSpan.FromMinutes(105));
        await world.RunDueAsync();

        await world.Workflow.ExtendAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester), TimeSpan.FromHours(2));
        var redrawn = world.Store.Commits[^1].Notifications.Single(m => m.Kind == NotificationKind.CardUpdate && m.CardKey == $"reminder:{active.Id}:1");
        world.Time.Advance(TimeSpan.FromHours(2));
        await world.RunDueAsync();

        Assert.Multiple(() =>
        {
            Assert.That(redrawn.Card.Title, Is.EqualTo("Access to web-1 extended until 2025-03-03 13:00 UTC"));
            Assert.That(redrawn.Card.Actions, Is.Empty);
            Assert.That(ReminderDm(world, active.Id, 2).Card.Title, Is.EqualTo("Access to web-1 ends at 2025-03-03 13:00 UTC"));
            Assert.That(ReminderDm(world, active.Id, 2).Card.Actions, Is.Empty, "the policy's 4h are used up, so there is nothing left to extend");
        });
    }

    [Test]
    public async Task A_window_shorter_than_the_reminder_lead_gets_no_reminder()
    {
        var world = new WorkflowWorld();
        var submitted = await world.SubmitAsync(duration: TimeSpan.FromMinutes(10));
        await world.Workflow.ApproveAsync(submitted.Request!.Id, WorkflowWorld.User(WorkflowWorld.Approver));
        await world.RunDueAsync();

        Assert.That(world.Store.JobsFor(submitted.Request.Id).Select(j => j.Kind), Is.EqualTo(new[] { JobKind.Expire }));
    }

    [Test]
    public async Task Reminders_are_off_when_the_lead_time_is_zero()
    {
        var world = new WorkflowWorld(configure: o => o.ReminderBefore = TimeSpan.Zero);
        var active = await world.ActiveAsync();

        Assert.That(world.Store.JobsFor(active.Id).Select(j => j.Kind), Is.EqualTo(new[] { JobKind.Expire }));
    }

    [Test]
    public async Task When_the_grant_ends_its_dm_and_reminder_lose_their_buttons_and_their_titles_say_it_expired()
    {
        var world = new WorkflowWorld(issuesCredentials: true);
        var active = await world.ActiveAsync();
        world.Time.Advance(TimeSpan.FromMinutes(105));
        await world.RunDueAsync();
        world.Time.Advance(TimeSpan.FromMinutes(15));

        await world.RunDueAsync();

        var updates = world.Store.OutboxFor(active.Id).Where(m => m.Kind == NotificationKind.CardUpdate && m.Recipient == WorkflowWorld.Requester).ToList();
        var granted = updates.Last(m => m.CardKey == $"granted:{active.Id}").Card;
        var reminder = updates.Last(m => m.CardKey == $"reminder:{active.Id}:1").Card;
        Assert.Multiple(() =>
        {
            Assert.That((granted.Title, granted.Actions.Count, granted.Code), Is.EqualTo(("Access to web-1: Expired", 0, (string?)null)),
                "no Get credentials, Extend or Revoke, and no start-session line once it ended");
            Assert.That((reminder.Title, reminder.Actions.Count), Is.EqualTo(("Access to web-1: Expired", 0)));
        });
    }
}
