using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Workflow;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Commands;

public sealed class AccessCommandHandlerTests
{
    private static (WorkflowWorld World, AccessCommandHandler Handler) Create()
    {
        var world = new WorkflowWorld();
        return (world, new AccessCommandHandler(world.Workflow, world.Directory, world.Inventory, world.Policy));
    }

    [Test]
    public async Task Request_command_submits_through_the_workflow()
    {
        var (world, handler) = Create();

        var reply = await handler.HandleAsync(WorkflowWorld.User(WorkflowWorld.Requester), "/access web-1 disk full for 1h");

        Assert.That(reply.IsError, Is.False, reply.Card.Title);
        var stored = world.Store.Commits.Single().Request;
        Assert.That((stored.State, stored.NodeId, stored.Reason, stored.Duration),
            Is.EqualTo((AccessRequestState.Pending, world.Node.Id, "disk full", TimeSpan.FromHours(1))));
    }

    [Test]
    public async Task Invalid_command_replies_with_the_message_and_an_example_and_stores_nothing()
    {
        var (world, handler) = Create();

        var reply = await handler.HandleAsync(WorkflowWorld.User(WorkflowWorld.Requester), "access web-1");

        Assert.That(reply.IsError, Is.True);
        Assert.That(reply.Card.Title, Is.EqualTo("Sorry: a reason is required."));
        Assert.That(reply.Card.Text, Is.EqualTo($"For example: {AccessCommandParser.RequestExample}"));
        Assert.That(world.Store.Commits, Is.Empty);
    }

    [Test]
    public async Task Person_not_in_the_directory_is_refused_politely()
    {
        var (_, handler) = Create();

        var reply = await handler.HandleAsync(WorkflowWorld.User("ghost@example.com"), "access list");

        Assert.That(reply.IsError, Is.True);
        Assert.That(reply.Card.Title, Is.EqualTo("Sorry: ghost@example.com is not in the directory; ask an administrator to add you."));
    }

    [TestCase(WorkflowWorld.Requester, false)]
    [TestCase(WorkflowWorld.Approver, false)]
    [TestCase(WorkflowWorld.Stranger, true)]
    public async Task Status_is_shown_to_the_requester_and_approvers_only(string who, bool refused)
    {
        var (world, handler) = Create();
        var pending = await world.PendingAsync();

        var reply = await handler.HandleAsync(WorkflowWorld.User(who), $"access status {pending.Id}");

        Assert.That(reply.IsError, Is.EqualTo(refused));
        Assert.That(reply.Card.Title, refused
            ? Is.EqualTo($"Sorry: there is no request {pending.Id} that you asked for or approve.")
            : Is.EqualTo($"Request {pending.Id}: pending, level 1 of 1"));
    }

    [Test]
    public async Task List_shows_the_approver_the_requests_waiting_for_them_with_buttons()
    {
        var (world, handler) = Create();
        var pending = await world.PendingAsync();

        var reply = await handler.HandleAsync(WorkflowWorld.User(WorkflowWorld.Approver), "access list");

        Assert.That(reply.Card.Fields.Single().Label, Is.EqualTo($"{pending.Id} · web-1 (waiting for you)"));
        Assert.That(reply.Card.Actions.Select(a => (a.Verb, a.RequestId)), Is.EqualTo(new[] { (CardVerb.Approve, pending.Id), (CardVerb.Reject, pending.Id) }));
    }

    [Test]
    public async Task Reject_button_rejects_through_the_workflow_and_returns_the_redrawn_approval_card()
    {
        var (world, handler) = Create();
        var pending = await world.PendingAsync();

        var result = await handler.HandleActionAsync(WorkflowWorld.User(WorkflowWorld.Approver), "reject", pending.Id, ActionInput.Confirm());

        Assert.That(result.Ok, Is.True, result.Message);
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Rejected));
        Assert.That(result.Card!.Title, Is.EqualTo($"Access request {pending.Id}: Rejected"), "the title says the state");
        Assert.That(result.Card.Fields.Single(f => f.Label == "Status").Value, Is.EqualTo($"rejected by {WorkflowWorld.Named(WorkflowWorld.Approver)} {RequestCards.When(world.Time.GetUtcNow())}"), "who did what, and when");
        Assert.That(result.Card.Actions, Is.Empty, "the redrawn card has no buttons left");
        Assert.That(result.PrivateCard, Is.Null);
    }

    [Test]
    public async Task A_refused_click_still_returns_the_card_as_it_is_now()
    {
        var (world, handler) = Create();
        var pending = await world.PendingAsync();

        var result = await handler.HandleActionAsync(WorkflowWorld.User(WorkflowWorld.Requester), CardVerb.Approve, pending.Id);

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo("you cannot approve or reject your own request."));
        Assert.That(result.Card!.Actions.Select(a => a.Verb), Is.EqualTo(new[] { CardVerb.Approve, CardVerb.Reject }));
    }

    [TestCase("approve", "not-an-id", "that button does not name a request.")]
    [TestCase("launch", "ar-1a2b3c4d", "unknown action 'launch'; a button sends one of approve, reject, revoke, cancel, credentials, extend, approve-extension, reject-extension.")]
    [TestCase("deny", "ar-1a2b3c4d", "unknown action 'deny'; a button sends one of approve, reject, revoke, cancel, credentials, extend, approve-extension, reject-extension.")]
    [TestCase("1", "ar-1a2b3c4d", "unknown action '1'; a button sends one of approve, reject, revoke, cancel, credentials, extend, approve-extension, reject-extension.")]
    public async Task Button_with_a_bad_payload_is_refused(string verb, string id, string message)
    {
        var (world, handler) = Create();

        var result = await handler.HandleActionAsync(WorkflowWorld.User(WorkflowWorld.Approver), verb, id);

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo(message));
        Assert.That(world.Store.Commits, Is.Empty);
    }

    [Test]
    public async Task An_unconfirmed_reject_by_an_approver_answers_with_a_prompt_asking_for_an_optional_reason_and_changes_nothing()
    {
        var (world, handler) = Create();
        var pending = await world.PendingAsync();
        var commits = world.Store.Commits.Count;

        var result = await handler.HandleActionAsync(WorkflowWorld.User(WorkflowWorld.Approver), "reject", pending.Id);

        Assert.Multiple(() =>
        {
            Assert.That(result.Ok, Is.True, result.Message);
            Assert.That(result.Prompt!.Title, Is.EqualTo($"Reject request {pending.Id}?"));
            Assert.That(result.Prompt.ConfirmLabel, Is.EqualTo("Reject"));
            Assert.That(result.Prompt.Input, Is.EqualTo(new PromptInput("Reason (optional; the requester sees it)", "e.g. use the staging box first", false, 256)));
            Assert.That(world.Store.Commits, Has.Count.EqualTo(commits), "a prompt writes nothing");
        });
    }

    [Test]
    public async Task An_unconfirmed_reject_by_someone_who_may_not_reject_is_refused_without_a_prompt()
    {
        var (world, handler) = Create();
        var pending = await world.PendingAsync();

        var own = await handler.HandleActionAsync(WorkflowWorld.User(WorkflowWorld.Requester), "reject", pending.Id);
        var stranger = await handler.HandleActionAsync(WorkflowWorld.User(WorkflowWorld.Stranger), "reject", pending.Id);

        Assert.Multiple(() =>
        {
            Assert.That((own.Ok, own.Prompt, own.Message), Is.EqualTo((false, (ActionPrompt?)null, "you cannot approve or reject your own request.")));
            Assert.That((stranger.Ok, stranger.Prompt, stranger.Message), Is.EqualTo((false, (ActionPrompt?)null, $"you are not an approver of request {pending.Id}.")));
        });
    }

    [Test]
    public async Task A_confirmed_reject_with_a_reason_tells_the_requester_that_reason()
    {
        var (world, handler) = Create();
        var pending = await world.PendingAsync();

        var result = await handler.HandleActionAsync(WorkflowWorld.User(WorkflowWorld.Approver), "reject", pending.Id, ActionInput.Confirm("  use   the staging box  "));

        var stored = await world.RequestAsync(pending.Id);
        var dm = world.Store.OutboxFor(pending.Id).Last(m => m.Kind == NotificationKind.DirectMessage);
        Assert.Multiple(() =>
        {
            Assert.That(result.Ok, Is.True, result.Message);
            Assert.That(stored.RejectionReason, Is.EqualTo("use the staging box"));
            Assert.That(dm.Card.Text, Does.EndWith("rejected request " + pending.Id + ": \u201cuse the staging box\u201d"));
            Assert.That(dm.Card.Fields.First(), Is.EqualTo(new CardField("Their reason", "use the staging box")));
        });
    }

    [Test]
    public async Task A_reject_reason_with_a_direction_override_is_refused_and_changes_nothing()
    {
        var (world, handler) = Create();
        var pending = await world.PendingAsync();
        var commits = world.Store.Commits.Count;

        var result = await handler.HandleActionAsync(WorkflowWorld.User(WorkflowWorld.Approver), "reject", pending.Id, ActionInput.Confirm("fine \u202Eelbisiv"));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Does.StartWith("the reason for rejecting holds an invisible text-direction character (U+202E)"));
        Assert.That(world.Store.Commits, Has.Count.EqualTo(commits));
        Assert.That((await world.RequestAsync(pending.Id)).State, Is.EqualTo(AccessRequestState.Pending));
    }

    [TestCase("access frobnicate", "Sorry: 'frobnicate' is not a command or a node I know.")]
    [TestCase("hello there", "Sorry: 'hello' is not a command.")]
    public async Task An_unknown_verb_or_a_line_that_is_no_command_gets_the_usage_line(string text, string title)
    {
        var (world, handler) = Create();

        var reply = await handler.HandleAsync(WorkflowWorld.User(WorkflowWorld.Requester), text);

        Assert.That(reply.IsError, Is.True);
        Assert.That(reply.Card.Title, Is.EqualTo(title));
        Assert.That(reply.Card.Text, Is.EqualTo(HelpText.UsageLine));
        Assert.That(world.Store.Commits, Is.Empty);
    }

    [TestCase("access web-1")]
    [TestCase("access i-0doesnotexist")]
    public async Task A_node_without_a_reason_is_asked_for_the_reason(string text)
    {
        var (_, handler) = Create();

        var reply = await handler.HandleAsync(WorkflowWorld.User(WorkflowWorld.Requester), text);

        Assert.That(reply.Card.Title, Is.EqualTo("Sorry: a reason is required."));
    }
}
