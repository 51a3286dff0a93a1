using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Workflow;

/// <summary>Approvers are told by DM and email when a level starts waiting for them, not only through the channel card.</summary>
public sealed class ApproverNoticeTests
{
    [Test]
    public async Task Every_member_of_an_approving_group_is_told_except_the_requester()
    {
        var world = new WorkflowWorld([new ApprovalLevel(["sre-leads"], 1)]);
        world.Directory.Add("ops@example.com", "sre-leads");
        world.Directory.Add("lead2@example.com", "SRE-Leads");
        world.Directory.Add(WorkflowWorld.Requester, "sre-leads");

        var pending = await world.PendingAsync();

        var told = world.Store.OutboxFor(pending.Id).Where(m => m.Kind is NotificationKind.DirectMessage or NotificationKind.Email).Select(m => (m.Kind, m.Via(), m.Recipient));
        Assert.That(pending.ApproverNotices.Select(n => n.Email), Is.EqualTo(new[] { "lead2@example.com", "ops@example.com" }));
        Assert.That(told, Is.EquivalentTo(new[]
        {
            (NotificationKind.DirectMessage, "console", "lead2@example.com"), (NotificationKind.DirectMessage, "slack", "lead2@example.com"), (NotificationKind.Email, "email", "lead2@example.com"),
            (NotificationKind.DirectMessage, "console", "ops@example.com"), (NotificationKind.DirectMessage, "slack", "ops@example.com"), (NotificationKind.Email, "email", "ops@example.com"),
        }), "the requester, a member too, is never asked to approve their own request");
    }

    [Test]
    public async Task The_approvers_of_a_level_get_one_card_drawn_once_however_many_dms_and_emails_carry_it()
    {
        // One instance, so the store serializes and keeps it once (OutboxCards) rather than once per approver and platform.
        var world = new WorkflowWorld([new ApprovalLevel(["sre-leads"], 1)]);
        world.Directory.Add("ops@example.com", "sre-leads");
        world.Directory.Add("lead2@example.com", "sre-leads");

        var pending = await world.PendingAsync();

        var told = world.Store.OutboxFor(pending.Id).Where(m => m.Kind is NotificationKind.DirectMessage or NotificationKind.Email).ToList();
        Assert.That(told, Has.Count.EqualTo(6));
        Assert.That(told.Select(m => m.Card).Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(1));
        Assert.That(told[0].Card.Text, Does.Contain("you approve at level 1 of 1").And.Not.Contain("ops@example.com").And.Not.Contain("lead2@example.com"),
            "the card names the level, never the approver it goes to, so one drawing fits them all");
    }

    [Test]
    public async Task The_next_levels_approvers_are_told_when_it_is_their_turn_and_not_before()
    {
        var world = new WorkflowWorld([new ApprovalLevel([WorkflowWorld.Approver], 1), new ApprovalLevel(["security"], 1)]);
        world.Directory.Add("sec@example.com", "security");
        var pending = await world.PendingAsync();
        var before = pending.ApproverNotices;

        await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));

        var after = (await world.RequestAsync(pending.Id)).ApproverNotices;
        var email = world.Store.Commits[^1].Notifications.Single(m => m.Kind == NotificationKind.Email);
        Assert.That(before.Select(n => (n.Level, n.Email)), Is.EqualTo(new[] { (0, WorkflowWorld.Approver) }));
        Assert.That(after.Select(n => (n.Level, n.Email)), Is.EqualTo(new[] { (0, WorkflowWorld.Approver), (1, "sec@example.com") }));
        Assert.That((email.Recipient, email.Card.Title), Is.EqualTo(("sec@example.com", $"Access request {pending.Id}: Pending, level 2 of 2")));
        Assert.That(email.Card.Text, Does.Contain("you approve at level 2 of 2"));
    }

    [Test]
    public async Task Someone_who_approved_an_earlier_level_is_not_asked_again_at_a_later_one()
    {
        var world = new WorkflowWorld([new ApprovalLevel(["sre-leads"], 1), new ApprovalLevel(["sre-leads", "security"], 1)]);
        world.Directory.Add("ops@example.com", "sre-leads");
        world.Directory.Add("sec@example.com", "security");
        var pending = await world.PendingAsync();

        await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User("ops@example.com"));

        var level2 = (await world.RequestAsync(pending.Id)).ApproverNotices.Where(n => n.Level == 1).Select(n => n.Email);
        Assert.That(level2, Is.EqualTo(new[] { "sec@example.com" }), "nobody approves at two levels, so ops is not asked");
    }

    [Test]
    public async Task An_approver_can_decide_from_the_dm_and_everyone_elses_dm_is_redrawn_without_buttons()
    {
        var world = new WorkflowWorld([new ApprovalLevel(["sre-leads"], 1)]);
        world.Directory.Add("ops@example.com", "sre-leads");
        world.Directory.Add("lead2@example.com", "sre-leads");
        var pending = await world.PendingAsync();
        var dmKey = $"approver:{pending.Id}:0:0:ops@example.com";
        var dm = world.Store.OutboxFor(pending.Id).First(m => m.CardKey == dmKey);

        var result = await world.Workflow.ApproveAsync(dm.Card.Actions[0].RequestId, WorkflowWorld.User("ops@example.com"));

        var redrawn = world.Store.Commits[^1].Notifications.Where(m => m.Kind == NotificationKind.CardUpdate && m.CardKey!.StartsWith("approver:", StringComparison.Ordinal)).ToList();
        Assert.That(result.Ok, Is.True, result.Message);
        Assert.That(redrawn.Select(m => m.Recipient).Distinct(), Is.EquivalentTo(new[] { "lead2@example.com", "ops@example.com" }));
        Assert.That(redrawn.Select(m => m.Card.Actions.Count), Is.All.Zero);
        Assert.That(redrawn.Select(m => m.Card.Title), Is.All.EqualTo($"Access request {pending.Id}: Approved, granting access"));
    }
}
