using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Commands;

/// <summary>The standing overview (Slack's App Home) and commands a surface builds from a form.</summary>
public sealed class AccessCommandHandlerOverviewTests
{
    private static (WorkflowWorld World, AccessCommandHandler Handler) Create()
    {
        var world = new WorkflowWorld();
        return (world, new AccessCommandHandler(world.Workflow, world.Directory, world.Inventory, world.Policy));
    }

    [Test]
    public async Task A_built_request_is_submitted_with_its_reason_taken_whole_even_when_it_reads_like_the_grammar()
    {
        var (world, handler) = Create();

        // Typed, "for 2h" would be read as the duration; a form's reason field is only ever the reason.
        var reply = await handler.HandleAsync(WorkflowWorld.User(WorkflowWorld.Requester),
            new AccessCommand.Request([world.Node.Id], "cache warm-up for 2h as root", TimeSpan.FromMinutes(30), null));

        Assert.That(reply.IsError, Is.False, reply.Card.Title);
        var stored = world.Store.Commits.Single().Request;
        Assert.That((stored.Reason, stored.Duration, stored.RunAs), Is.EqualTo(("cache warm-up for 2h as root", TimeSpan.FromMinutes(30), (string?)null)));
    }

    [Test]
    public async Task A_built_request_with_a_bad_reason_is_refused_by_the_core_and_stores_nothing()
    {
        var (world, handler) = Create();

        var reply = await handler.HandleAsync(WorkflowWorld.User(WorkflowWorld.Requester), new AccessCommand.Request([world.Node.Id], new string('x', 300), null, null));

        Assert.That(reply.IsError, Is.True);
        Assert.That(reply.Card.Title, Does.StartWith("Sorry: ").And.Contain("256"));
        Assert.That(world.Store.Commits, Is.Empty);
    }

    [Test]
    public async Task The_overview_shows_the_requester_their_request_and_the_approver_the_same_card_with_buttons_as_the_channel()
    {
        var (world, handler) = Create();
        var pending = await world.PendingAsync();

        var requester = await handler.OverviewAsync(WorkflowWorld.User(WorkflowWorld.Requester));
        var approver = await handler.OverviewAsync(WorkflowWorld.User(WorkflowWorld.Approver));

        Assert.That(requester.Notice, Is.Null);
        Assert.That(requester.Mine.Select(c => c.Title), Has.Exactly(1).Contains(pending.Id));
        Assert.That(requester.WaitingForMe, Is.Empty, "nobody approves their own request");
        Assert.That(approver.Mine, Is.Empty);
        var card = approver.WaitingForMe.Single();
        Assert.That(card.Actions.Select(a => (a.Verb, a.RequestId)), Is.EqualTo(new[] { (CardVerb.Approve, pending.Id), (CardVerb.Reject, pending.Id) }));
        Assert.That(card, Is.EqualTo(world.Workflow.Cards.Approval(await world.RequestAsync(pending.Id))).Using<ChatCard>((a, b) =>
            a.Title == b.Title && a.Actions.SequenceEqual(b.Actions) && a.Fields.SequenceEqual(b.Fields)), "the same card as in the approvers' channel");
    }

    [Test]
    public async Task The_overview_of_someone_not_in_the_directory_is_a_notice_and_no_requests()
    {
        var (_, handler) = Create();

        var overview = await handler.OverviewAsync(WorkflowWorld.User("nobody@example.com"));

        Assert.That(overview.Notice!.Title, Does.Contain("nobody@example.com is not in the directory"));
        Assert.That(overview.Mine, Is.Empty);
        Assert.That(overview.WaitingForMe, Is.Empty);
    }

    [Test]
    public async Task The_overview_leaves_out_a_request_that_is_decided()
    {
        var (world, handler) = Create();
        var active = await world.ActiveAsync();

        var approver = await handler.OverviewAsync(WorkflowWorld.User(WorkflowWorld.Approver));

        Assert.That(approver.WaitingForMe, Is.Empty);
        Assert.That(active.State, Is.EqualTo(AccessRequestState.Active));
    }
}
