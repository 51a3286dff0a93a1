using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Notifications;

/// <summary>Cards say whom they address and whom each button is for; DMs carry the requester's platform user id.</summary>
public sealed class RequestCardsTests
{
    [Test]
    public async Task The_approval_card_mentions_the_approvers_of_the_level_now_deciding_as_written_then_each_person_they_expand_to()
    {
        var world = new WorkflowWorld([new ApprovalLevel(["sre-leads", "lead@example.com"], 1), new ApprovalLevel(["security"], 1)]);
        world.Directory.Add("sec@example.com", "security");
        var pending = await world.PendingAsync();

        var first = world.Workflow.Cards.Approval(pending);
        await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(WorkflowWorld.Approver));
        var second = world.Workflow.Cards.Approval(await world.RequestAsync(pending.Id));
        await world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User("sec@example.com"));
        var decided = world.Workflow.Cards.Approval(await world.RequestAsync(pending.Id));

        Assert.That(first.Mentions, Is.EqualTo(new[] { new CardMention("sre-leads", CardMentionKind.Group), new CardMention("lead@example.com", CardMentionKind.Person) }),
            "lead@example.com is both written and told, and named once");
        Assert.That(second.Mentions, Is.EqualTo(new[] { new CardMention("security", CardMentionKind.Group), new CardMention("sec@example.com", CardMentionKind.Person) }),
            "the group, then the person in it, so a platform that mentions only people still reaches them");
        Assert.That(decided.Mentions, Is.Empty, "nobody is waited for once it is decided");
    }

    [Test]
    public async Task The_posted_card_carries_the_mentions_and_its_buttons_are_for_the_approvers()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();

        var posted = world.Store.OutboxFor(pending.Id).First(m => m.Kind == NotificationKind.ChannelCard).Card;

        Assert.That(posted.Mentions.Select(m => m.Name), Is.EqualTo(new[] { WorkflowWorld.Approver }));
        Assert.That(posted.Actions.Select(a => (a.Verb, a.Audience)), Is.EqualTo(new[] { (CardVerb.Approve, CardAudience.Approvers), (CardVerb.Reject, CardAudience.Approvers) }));
    }

    [Test]
    public async Task A_direct_message_to_the_requester_carries_their_user_id_on_the_platform_they_asked_from_and_the_email_does_not()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();

        var toRequester = world.Store.OutboxFor(active.Id).Where(m => m.Kind is NotificationKind.DirectMessage or NotificationKind.Email && m.Recipient == WorkflowWorld.Requester).ToList();

        Assert.That(active.RequesterUserId, Is.EqualTo("U-dev"));
        Assert.That(toRequester.Select(m => (m.Kind, m.Platform, m.Recipient, m.RecipientUserId)), Is.EquivalentTo(new[]
        {
            (NotificationKind.DirectMessage, (PlatformName?)PlatformName.Console, WorkflowWorld.Requester, (string?)"U-dev"),
            (NotificationKind.Email, (PlatformName?)null, WorkflowWorld.Requester, (string?)null),
        }));
    }

    [Test]
    public async Task Every_message_carries_the_request_version_it_was_drawn_at()
    {
        var world = new WorkflowWorld();
        var active = await world.ActiveAsync();

        var drawn = world.Store.Commits.SelectMany(c => c.Notifications.Select(m => (m.Kind, m.Recipient, m.RequestVersion, Written: c.Request.Version))).ToList();

        Assert.That(drawn.Select(d => (d.RequestVersion, d.Written)), Is.All.Matches<(long Drawn, long Written)>(d => d.Drawn == d.Written));
        Assert.That(drawn.Where(d => d.Recipient is "approvals" or WorkflowWorld.Requester).Select(d => (d.Kind, d.RequestVersion)), Is.EquivalentTo(new[]
        {
            (NotificationKind.ChannelCard, 1L), (NotificationKind.CardUpdate, 2L), (NotificationKind.CardUpdate, 3L),
            (NotificationKind.Email, 3L), (NotificationKind.DirectMessage, 3L),
        }), "posted at submission, redrawn at approval and at the grant, when the requester's live DM and email go out");
    }

    [Test]
    public async Task Revoking_an_auto_approved_grant_is_offered_only_when_the_operator_allows_it()
    {
        var strict = new WorkflowWorld();
        var lenient = new WorkflowWorld(configure: o => o.AllowRevokingAutoApproved = true);
        var request = (await strict.ActiveAsync()) with { AutoApproved = true };

        Assert.That(strict.Workflow.Cards.Granted(request).Actions, Is.Empty, "JITNA: auto-approved access cannot be revoked");
        Assert.That(lenient.Workflow.Cards.Granted(request).Actions.Select(a => a.Verb), Is.EqualTo(new[] { CardVerb.Revoke }), "and never an extension (JITNA: ask again)");
    }
}
