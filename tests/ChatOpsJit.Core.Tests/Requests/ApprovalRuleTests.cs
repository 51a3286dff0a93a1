using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Requests;

/// <summary>Who may approve, checked through the workflow against who the clicker is at click time.</summary>
public sealed class ApprovalRuleTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private const string Carol = "carol@example.com";

    private static ChatOpsJit.Core.Chat.ChatUser User(string email) => WorkflowWorld.User(email);

    private static WorkflowWorld World(params ApprovalLevel[] levels)
    {
        var world = new WorkflowWorld(levels);
        world.Directory.Add(Alice);
        world.Directory.Add(Bob);
        world.Directory.Add(Carol);
        return world;
    }

    [Test]
    public async Task Requester_cannot_approve_their_own_request_even_when_listed_as_approver()
    {
        var world = World(new ApprovalLevel([WorkflowWorld.Requester, Alice], 1));
        var pending = await world.PendingAsync();

        var result = await world.Workflow.ApproveAsync(pending.Id, User(WorkflowWorld.Requester));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo("you cannot approve or reject your own request."));
        Assert.That((await world.RequestAsync(pending.Id)).Approvals, Is.Empty);
    }

    [Test]
    public async Task Requester_cannot_approve_their_own_request_through_a_group_either()
    {
        var world = World(new ApprovalLevel(["sre"], 1));
        world.Directory.Add(WorkflowWorld.Requester, "sre");
        var pending = await world.PendingAsync();

        var result = await world.Workflow.ApproveAsync(pending.Id, User(WorkflowWorld.Requester.ToUpperInvariant()));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo("you cannot approve or reject your own request."));
    }

    [Test]
    public async Task Approver_of_level_two_clicking_at_level_one_is_refused_with_a_message_naming_the_levels()
    {
        var world = World(new ApprovalLevel([Alice], 1), new ApprovalLevel([Bob], 1));
        var pending = await world.PendingAsync();

        var result = await world.Workflow.ApproveAsync(pending.Id, User(Bob));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"request {pending.Id} is waiting for level 1 ({Alice}); you approve at level 2."));
        var stored = await world.RequestAsync(pending.Id);
        Assert.That(stored.Approvals, Is.Empty);
        Assert.That(stored.Version, Is.EqualTo(1));
    }

    [Test]
    public async Task Same_approver_twice_at_one_level_is_refused_and_the_count_does_not_move()
    {
        var world = World(new ApprovalLevel([Alice, Bob, Carol], 2));
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, User(Alice));

        var again = await world.Workflow.ApproveAsync(pending.Id, User(Alice.ToUpperInvariant()));

        Assert.That(again.Ok, Is.False);
        Assert.That(again.Message, Is.EqualTo($"you already approved request {pending.Id}; it needs 1 more approval(s) at level 1."));
        var stored = await world.RequestAsync(pending.Id);
        Assert.That(stored.Approvals, Has.Count.EqualTo(1));
        Assert.That(stored.State, Is.EqualTo(AccessRequestState.Pending));
        Assert.That(stored.Version, Is.EqualTo(2));
    }

    [Test]
    public async Task Same_person_approving_at_two_levels_is_refused()
    {
        var world = World(new ApprovalLevel([Alice, Bob], 1), new ApprovalLevel([Alice, Carol], 1));
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, User(Alice));

        var result = await world.Workflow.ApproveAsync(pending.Id, User(Alice));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"you already approved request {pending.Id} at level 1; each level needs different approvers."));
        var stored = await world.RequestAsync(pending.Id);
        Assert.That(stored.CurrentLevel, Is.EqualTo(1));
        Assert.That(stored.State, Is.EqualTo(AccessRequestState.Pending));
    }

    [Test]
    public async Task Approver_removed_from_the_directory_after_the_card_was_posted_is_refused_at_click_time()
    {
        var world = World(new ApprovalLevel([Alice], 1));
        var pending = await world.PendingAsync();
        world.Directory.Remove(Alice);

        var result = await world.Workflow.ApproveAsync(pending.Id, User(Alice));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"{Alice} is not in the directory, so cannot approve or reject requests."));
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Pending));
    }

    [Test]
    public async Task Approver_who_left_the_approving_group_after_the_card_was_posted_is_refused_at_click_time()
    {
        var world = World(new ApprovalLevel(["sre-leads"], 1));
        world.Directory.Add(Carol, "sre-leads");
        var pending = await world.PendingAsync();
        world.Directory.Add(Carol); // re-added without the group

        var result = await world.Workflow.ApproveAsync(pending.Id, User(Carol));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"you are not an approver of request {pending.Id}."));
    }

    [Test]
    public async Task Approve_of_an_approved_request_is_refused_naming_who_approved()
    {
        var world = World(new ApprovalLevel([Alice, Bob], 1));
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, User(Alice));

        var result = await world.Workflow.ApproveAsync(pending.Id, User(Bob));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"request {pending.Id} is already approved (by {WorkflowWorld.Named(Alice)})."));
    }

    [Test]
    public async Task Approve_of_a_rejected_request_is_refused_naming_who_rejected()
    {
        var world = World(new ApprovalLevel([Alice, Bob], 1));
        var pending = await world.PendingAsync();
        await world.Workflow.RejectAsync(pending.Id, User(Bob));

        var result = await world.Workflow.ApproveAsync(pending.Id, User(Alice));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"request {pending.Id} is already rejected (by {WorkflowWorld.Named(Bob)})."));
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Rejected));
    }

    [Test]
    public async Task Approve_of_a_cancelled_request_is_refused_naming_the_requester()
    {
        var world = World(new ApprovalLevel([Alice], 1));
        var pending = await world.PendingAsync();
        await world.Workflow.CancelAsync(pending.Id, User(WorkflowWorld.Requester));

        var result = await world.Workflow.ApproveAsync(pending.Id, User(Alice));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"request {pending.Id} is already cancelled (by {WorkflowWorld.Named(WorkflowWorld.Requester)})."));
    }

    [Test]
    public async Task Reject_of_an_approved_request_is_refused_and_it_stays_approved()
    {
        var world = World(new ApprovalLevel([Alice, Bob], 1));
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, User(Alice));

        var result = await world.Workflow.RejectAsync(pending.Id, User(Bob));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"request {pending.Id} is already approved (by {WorkflowWorld.Named(Alice)})."));
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Approved));
    }

    [Test]
    public async Task Level_requiring_two_needs_two_distinct_approvers_before_the_request_is_approved()
    {
        var world = World(new ApprovalLevel([Alice, Bob, Carol], 2));
        var pending = await world.PendingAsync();

        var first = await world.Workflow.ApproveAsync(pending.Id, User(Alice));
        var afterOne = await world.RequestAsync(pending.Id);
        var jobsAfterOne = world.Store.JobsFor(pending.Id).Select(j => j.Kind).ToList();
        var second = await world.Workflow.ApproveAsync(pending.Id, User(Bob));
        var afterTwo = await world.RequestAsync(pending.Id);

        Assert.Multiple(() =>
        {
            Assert.That(first.Ok, Is.True);
            Assert.That(first.Message, Is.EqualTo($"You approved request {pending.Id}; level 1 needs 1 more."));
            Assert.That(afterOne.State, Is.EqualTo(AccessRequestState.Pending));
            Assert.That(afterOne.CurrentLevel, Is.Zero);
            Assert.That(jobsAfterOne, Is.EqualTo(new[] { JobKind.TimeOut }), "no grant after one of two approvals");
            Assert.That(afterTwo.State, Is.EqualTo(AccessRequestState.Approved));
            Assert.That(afterTwo.Approvals.Select(a => a.ApproverEmail), Is.EqualTo(new[] { Alice, Bob }));
            Assert.That(afterTwo.DecidedBy, Is.EqualTo(Bob));
        });
    }

    [Test]
    public async Task Multi_level_request_moves_to_the_next_level_with_a_card_update_and_is_approved_after_the_last()
    {
        var world = World(new ApprovalLevel([Alice], 1), new ApprovalLevel([Bob], 1));
        var pending = await world.PendingAsync();

        var level1 = await world.Workflow.ApproveAsync(pending.Id, User(Alice));
        var afterLevel1 = await world.RequestAsync(pending.Id);
        var level1Commit = world.Store.Commits[^1];
        var level2 = await world.Workflow.ApproveAsync(pending.Id, User(Bob));
        var afterLevel2 = await world.RequestAsync(pending.Id);

        Assert.Multiple(() =>
        {
            Assert.That(level1.Message, Is.EqualTo($"You approved level 1 of request {pending.Id}; it now waits for level 2."));
            Assert.That(afterLevel1.State, Is.EqualTo(AccessRequestState.Pending));
            Assert.That(afterLevel1.CurrentLevel, Is.EqualTo(1));
            Assert.That(level1Commit.Notifications.Select(m => (m.Kind, m.Via(), m.Recipient)), Is.EquivalentTo(new[]
            {
                (NotificationKind.CardUpdate, "console", "approvals"), (NotificationKind.CardUpdate, "slack", "#prod-approvals"),
                (NotificationKind.CardUpdate, "console", Alice), (NotificationKind.CardUpdate, "slack", Alice),
                (NotificationKind.DirectMessage, "console", Bob), (NotificationKind.DirectMessage, "slack", Bob), (NotificationKind.Email, "email", Bob),
            }), "the channel card and Alice's DM are redrawn; Bob, whose level it now is, is told");
            Assert.That(level1Commit.Notifications.First(m => m.Kind == NotificationKind.CardUpdate).Card.Fields.Single(f => f.Label == "Approvers").Value,
                Does.Contain($"(approved by {WorkflowWorld.Named(Alice)} {RequestCards.When(WorkflowWorld.Start)})"));
            Assert.That(level1Commit.Notifications.First(m => m.Recipient == Alice).Card.Actions, Is.Empty, "Alice's level is done, so her DM loses its buttons");
            Assert.That(level1Commit.Notifications.First(m => m.Recipient == Bob).Card.Actions.Select(a => a.Verb), Is.EqualTo(new[] { CardVerb.Approve, CardVerb.Reject }));
            Assert.That(level1Commit.Jobs, Is.Empty);
            Assert.That(level1Commit.CancelJobs, Is.Empty, "the time-out still runs while level 2 decides");
            Assert.That(world.Store.Audit[1].Kind, Is.EqualTo("request.level-approved"));
            Assert.That(level2.Ok, Is.True);
            Assert.That(afterLevel2.State, Is.EqualTo(AccessRequestState.Approved));
            Assert.That(afterLevel2.Approvals.Select(a => (a.Level, a.ApproverEmail)), Is.EqualTo(new[] { (0, Alice), (1, Bob) }));
            Assert.That(world.Store.JobsFor(pending.Id).Select(j => j.Kind), Is.EqualTo(new[] { JobKind.Grant }));
        });
    }

    [Test]
    public async Task Member_of_a_group_named_as_approver_may_approve()
    {
        var world = World(new ApprovalLevel(["sre-leads"], 1));
        world.Directory.Add(Carol, "SRE-Leads");
        var pending = await world.PendingAsync();

        var result = await world.Workflow.ApproveAsync(pending.Id, User(Carol));

        Assert.That(result.Ok, Is.True, result.Message);
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Approved));
    }

    [Test]
    public async Task Non_member_of_the_approving_group_is_refused()
    {
        var world = World(new ApprovalLevel(["sre-leads"], 1));
        world.Directory.Add(Carol, "developers");
        var pending = await world.PendingAsync();

        var result = await world.Workflow.ApproveAsync(pending.Id, User(Carol));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"you are not an approver of request {pending.Id}."));
    }

    [Test]
    public async Task Approver_entry_email_matches_case_insensitively()
    {
        var world = World(new ApprovalLevel(["Alice@Example.COM"], 1));
        var pending = await world.PendingAsync();

        var result = await world.Workflow.ApproveAsync(pending.Id, User(Alice));

        Assert.That(result.Ok, Is.True, result.Message);
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Approved));
    }

    [Test]
    public async Task Approver_who_approved_and_then_left_the_approving_group_cannot_reject()
    {
        var world = World(new ApprovalLevel(["sre-leads"], 2));
        world.Directory.Add(Carol, "sre-leads");
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, User(Carol));
        world.Directory.Add(Carol); // still in the directory, no longer in sre-leads

        var result = await world.Workflow.RejectAsync(pending.Id, User(Carol));

        Assert.That(result.Ok, Is.False, "a click is authorized by who the clicker is now");
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Pending));
    }

    [Test]
    public async Task Approver_who_approved_and_then_left_the_directory_cannot_reject()
    {
        var world = World(new ApprovalLevel([Alice, Bob], 2));
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, User(Alice));
        world.Directory.Remove(Alice);

        var result = await world.Workflow.RejectAsync(pending.Id, User(Alice));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"{Alice} is not in the directory, so cannot approve or reject requests."));
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Pending));
    }

    [Test]
    public async Task Approver_who_approved_a_level_may_still_reject_it_while_it_waits_for_more()
    {
        var world = World(new ApprovalLevel([Alice, Bob], 2));
        var pending = await world.PendingAsync();
        await world.Workflow.ApproveAsync(pending.Id, User(Alice));

        var result = await world.Workflow.RejectAsync(pending.Id, User(Alice));

        Assert.That(result.Ok, Is.True, result.Message);
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Rejected));
    }
}
