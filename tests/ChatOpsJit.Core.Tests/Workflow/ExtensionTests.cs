using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Tests.Fakes;
using ChatOpsJit.Core.Workflow;

namespace ChatOpsJit.Core.Tests.Workflow;

/// <summary>More time on an active grant, as the manual policy says: approved again, granted at once, or never; never for auto-approved access.</summary>
public sealed class ExtensionTests
{
    // The world's policy: 2h windows, 4h at most, one approver.
    private static WorkflowWorld World(ExtensionRule rule = ExtensionRule.Approve)
    {
        var world = new WorkflowWorld();
        world.Policy.Decision = new PolicyDecision.NeedsApproval(world.ManualPolicy with { Extension = rule }, "manual policy 'prod-servers' applies");
        return world;
    }

    private static AccessCommandHandler Handler(WorkflowWorld world) => new(world.Workflow, world.Directory, world.Inventory, world.Policy);

    [Test]
    public async Task An_extension_under_an_approve_policy_waits_for_the_approvers_who_are_told_and_the_end_moves_only_when_they_approve()
    {
        var world = World();
        var active = await world.ActiveAsync();

        var asked = await world.Workflow.ExtendAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester), TimeSpan.FromHours(1));
        var waiting = await world.RequestAsync(active.Id);
        var askCommit = world.Store.Commits[^1];

        Assert.Multiple(() =>
        {
            Assert.That(asked.Ok, Is.True, asked.Message);
            Assert.That(asked.Message, Is.EqualTo($"Extension of request {active.Id} by 1h sent for approval by {WorkflowWorld.Approver}; until it is approved your access ends at 2025-03-03 11:00 UTC."));
            Assert.That(waiting.ExpiresAt, Is.EqualTo(active.ExpiresAt), "not moved yet");
            Assert.That(waiting.PendingExtension, Is.EqualTo(new AccessExtension(1, TimeSpan.FromHours(1), world.Now, ExtensionState.Pending)));
            Assert.That(waiting.ApproverNotices.Last(), Is.EqualTo(new ApproverNotice(1, 0, WorkflowWorld.Approver, "lead")));
            Assert.That(askCommit.Notifications.Where(m => m.Recipient == WorkflowWorld.Approver && m.Kind != NotificationKind.CardUpdate).Select(m => (m.Kind, m.Via())), Is.EquivalentTo(new[]
            {
                (NotificationKind.DirectMessage, "console"), (NotificationKind.DirectMessage, "slack"), (NotificationKind.Email, "email"),
            }), "the approver is told on each platform and by email");
            Assert.That(world.Workflow.Cards.Approval(waiting).Actions.Select(a => a.Verb), Is.EqualTo(new[] { CardVerb.ApproveExtension, CardVerb.RejectExtension }));
            Assert.That(world.Store.Audit[^1].Kind, Is.EqualTo(AuditKinds.ExtensionRequested));
        });

        var approved = await world.Workflow.ApproveExtensionAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Approver));
        var extended = await world.RequestAsync(active.Id);
        var newEnd = active.ExpiresAt!.Value + TimeSpan.FromHours(1);
        Assert.Multiple(() =>
        {
            Assert.That(approved.Ok, Is.True, approved.Message);
            Assert.That(extended.ExpiresAt, Is.EqualTo(newEnd));
            Assert.That(extended.GrantedDuration, Is.EqualTo(TimeSpan.FromHours(3)));
            Assert.That(extended.Extensions.Single().State, Is.EqualTo(ExtensionState.Approved));
            Assert.That(world.Store.JobsFor(active.Id).Select(j => (j.Kind, j.DueAt)), Is.EquivalentTo(new[]
            {
                (JobKind.Expire, newEnd), (JobKind.Remind, newEnd - TimeSpan.FromMinutes(15)),
            }), "expiry and reminder move with the end");
            Assert.That(world.Store.Commits[^1].Notifications.Where(m => m.Recipient == WorkflowWorld.Requester && m.Kind == NotificationKind.DirectMessage && m.CardKey is null)
                .Select(m => m.Card.Title), Is.EqualTo(new[] { "Access to web-1 extended until 2025-03-03 12:00 UTC" }));
            Assert.That(world.Store.Commits[^1].Notifications.Single(m => m.CardKey == $"granted:{active.Id}").Card.Title,
                Is.EqualTo("Access to web-1: Active until 2025-03-03 12:00 UTC"), "the grant DM is redrawn with the new end");
            Assert.That(world.Store.Audit[^1].Kind, Is.EqualTo(AuditKinds.RequestExtended));
        });
    }

    [Test]
    public async Task An_extension_under_an_auto_policy_moves_the_end_at_once()
    {
        var world = World(ExtensionRule.Auto);
        var active = await world.ActiveAsync();

        var result = await world.Workflow.ExtendAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester), TimeSpan.FromMinutes(30));

        var stored = await world.RequestAsync(active.Id);
        Assert.That(result.Message, Is.EqualTo($"Request {active.Id} extended by 30m, until 2025-03-03 11:30 UTC."));
        Assert.That(stored.ExpiresAt, Is.EqualTo(active.ExpiresAt + TimeSpan.FromMinutes(30)));
        Assert.That(stored.Extensions.Single().DecidedBy, Is.EqualTo(RequestCards.PolicyActor));
        Assert.That(stored.ApproverNotices.Where(n => n.Round > 0), Is.Empty, "nobody is asked");
    }

    [Test]
    public async Task An_extension_under_a_never_policy_is_refused()
    {
        var world = World(ExtensionRule.Never);
        var active = await world.ActiveAsync();

        var result = await world.Workflow.ExtendAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester), null);

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo("policy 'prod-servers' does not allow extensions; ask again with /access when this one ends."));
        Assert.That(world.Workflow.Cards.Granted(active).Actions.Select(a => a.Verb), Does.Not.Contain(CardVerb.Extend), "and no Extend button is offered");
    }

    [Test]
    public async Task Auto_approved_access_cannot_be_extended_as_in_jitna()
    {
        var world = World();
        world.Policy.Decision = new PolicyDecision.AutoApproved(["self-service"], TimeSpan.FromHours(1), "permitted");
        var submitted = await world.SubmitAsync();
        await world.RunDueAsync();

        var result = await world.Workflow.ExtendAsync(submitted.Request!.Id, WorkflowWorld.User(WorkflowWorld.Requester), null);

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Does.Contain("auto-approved access cannot be extended (as in JITNA); ask again with /access when it ends."));
    }

    [Test]
    public async Task An_extension_beyond_the_policy_maximum_is_clamped_and_the_reply_says_so_and_at_the_maximum_none_is_left()
    {
        var world = World(ExtensionRule.Auto);
        var active = await world.ActiveAsync();

        var first = await world.Workflow.ExtendAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester), TimeSpan.FromHours(5));
        var second = await world.Workflow.ExtendAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester), TimeSpan.FromMinutes(10));

        Assert.That(first.Message, Is.EqualTo($"Request {active.Id} extended by 2h, until 2025-03-03 13:00 UTC (you asked for 5h; policy 'prod-servers' allows 4h in all)."));
        Assert.That((await world.RequestAsync(active.Id)).GrantedDuration, Is.EqualTo(TimeSpan.FromHours(4)));
        Assert.That(second.Ok, Is.False);
        Assert.That(second.Message, Is.EqualTo($"request {active.Id} already has the 4h that policy 'prod-servers' allows at most; ask again with /access when it ends."));
    }

    [TestCase(WorkflowWorld.Approver)]
    [TestCase(WorkflowWorld.Stranger)]
    public async Task Only_the_requester_may_ask_for_an_extension(string who)
    {
        var world = World();
        var active = await world.ActiveAsync();

        var result = await world.Workflow.ExtendAsync(active.Id, WorkflowWorld.User(who), null);

        Assert.That(result.Message, Is.EqualTo($"only {WorkflowWorld.Requester}, who asked, can extend request {active.Id}."));
        Assert.That((await world.RequestAsync(active.Id)).Extensions, Is.Empty);
    }

    [Test]
    public async Task The_requester_cannot_approve_their_own_extension()
    {
        var world = World();
        var active = await world.ActiveAsync();
        await world.Workflow.ExtendAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester), null);

        var result = await world.Workflow.ApproveExtensionAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester));

        Assert.That(result.Message, Is.EqualTo("you cannot approve or reject your own request."));
        Assert.That((await world.RequestAsync(active.Id)).PendingExtension, Is.Not.Null);
    }

    [Test]
    public async Task An_extension_approved_after_the_window_closed_is_refused_and_the_grant_expires_with_it_lapsed()
    {
        var world = World();
        var active = await world.ActiveAsync();
        await world.Workflow.ExtendAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester), null);
        world.Time.Advance(TimeSpan.FromHours(2));

        // The expiry job is held back; the approver clicks late.
        var result = await world.Workflow.ApproveExtensionAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Approver));

        var stored = await world.RequestAsync(active.Id);
        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"the access window of request {active.Id} closed at 2025-03-03 11:00 UTC; ask again with /access."));
        Assert.That(stored.State, Is.EqualTo(AccessRequestState.Expired));
        Assert.That(stored.Extensions.Single().State, Is.EqualTo(ExtensionState.Lapsed));
        Assert.That(stored.ExpiresAt, Is.EqualTo(active.ExpiresAt));
    }

    [Test]
    public async Task A_rejected_extension_keeps_the_end_and_the_requester_hears_the_reason()
    {
        var world = World();
        var active = await world.ActiveAsync();
        await world.Workflow.ExtendAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester), null);

        var result = await world.Workflow.RejectExtensionAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Approver), "wrap up today");

        var stored = await world.RequestAsync(active.Id);
        var dm = world.Store.Commits[^1].Notifications.Single(m => m.Kind == NotificationKind.DirectMessage && m.CardKey is null);
        Assert.That(result.Ok, Is.True, result.Message);
        Assert.That(stored.ExpiresAt, Is.EqualTo(active.ExpiresAt));
        Assert.That(stored.Extensions.Single().State, Is.EqualTo(ExtensionState.Rejected));
        Assert.That(dm.Card.Title, Is.EqualTo("Extension of your access to web-1 rejected"));
        Assert.That(dm.Card.Text, Is.EqualTo($"{WorkflowWorld.Named(WorkflowWorld.Approver)} rejected the extension: \u201cwrap up today\u201d. Your access still ends at 2025-03-03 11:00 UTC."));
    }

    [Test]
    public async Task The_extend_button_asks_the_requester_how_long_and_a_typed_duration_is_what_is_asked_for()
    {
        var world = World(ExtensionRule.Auto);
        var handler = Handler(world);
        var active = await world.ActiveAsync();

        var prompt = await handler.HandleActionAsync(WorkflowWorld.User(WorkflowWorld.Requester), "extend", active.Id);
        var stranger = await handler.HandleActionAsync(WorkflowWorld.User(WorkflowWorld.Approver), "extend", active.Id);
        var bad = await handler.HandleActionAsync(WorkflowWorld.User(WorkflowWorld.Requester), "extend", active.Id, ActionInput.Confirm("soon"));
        var done = await handler.HandleActionAsync(WorkflowWorld.User(WorkflowWorld.Requester), "extend", active.Id, ActionInput.Confirm("45m"));

        Assert.Multiple(async () =>
        {
            Assert.That(prompt.Prompt!.Title, Is.EqualTo("Extend your access to web-1?"));
            Assert.That(prompt.Prompt.Input!.Label, Is.EqualTo("How much longer (empty: 2h)"));
            Assert.That((stranger.Ok, stranger.Prompt), Is.EqualTo((false, (ActionPrompt?)null)), "no prompt for someone who may not extend");
            Assert.That(bad.Message, Is.EqualTo("'soon' is not a duration; use minutes, hours or days, like 30m, 2h, 1h30m or 1d."));
            Assert.That(done.Ok, Is.True, done.Message);
            Assert.That((await world.RequestAsync(active.Id)).ExpiresAt, Is.EqualTo(active.ExpiresAt + TimeSpan.FromMinutes(45)));
        });
    }

    [Test]
    public async Task Access_extend_as_a_command_extends_by_what_is_typed()
    {
        var world = World(ExtensionRule.Auto);
        var active = await world.ActiveAsync();

        var reply = await Handler(world).HandleAsync(WorkflowWorld.User(WorkflowWorld.Requester), $"access extend {active.Id} for 1 hour");

        Assert.That(reply.IsError, Is.False, reply.Card.Title);
        Assert.That((await world.RequestAsync(active.Id)).ExpiresAt, Is.EqualTo(active.ExpiresAt + TimeSpan.FromHours(1)));
    }
}
