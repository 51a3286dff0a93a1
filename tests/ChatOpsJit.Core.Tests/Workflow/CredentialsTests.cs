using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Serialization;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Workflow;

/// <summary>Temporary credentials on demand: only the requester, only while the grant is active, never kept anywhere.</summary>
public sealed class CredentialsTests
{
    private static (WorkflowWorld World, AccessCommandHandler Handler) Create(bool issuesCredentials = true)
    {
        var world = new WorkflowWorld(issuesCredentials: issuesCredentials);
        return (world, new AccessCommandHandler(world.Workflow, world.Directory, world.Inventory, world.Policy));
    }

    private static Task<ChatOpsJit.Core.Workflow.ActionResult> Press(AccessCommandHandler handler, string who, string requestId) =>
        handler.HandleActionAsync(WorkflowWorld.User(who), "credentials", requestId);

    [Test]
    public async Task The_requester_of_an_active_grant_gets_credentials_in_a_private_sensitive_card_and_only_their_key_id_is_audited()
    {
        var (world, handler) = Create();
        var active = await world.ActiveAsync();
        var outboxBefore = world.Store.Outbox.Count;

        var result = await Press(handler, WorkflowWorld.Requester, active.Id);

        Assert.That(result.Ok, Is.True, result.Message);
        var minted = world.Issuer.Minted.Single();
        var secret = FakeCredentialIssuingGrantor.SecretOf(minted);
        Assert.Multiple(() =>
        {
            Assert.That(result.PrivateCard!.Sensitive, Is.True);
            Assert.That(result.PrivateCard.Code, Does.Contain(secret).And.Contain("aws ssm start-session --target i-0abc1234567890def"));
            Assert.That(result.Card!.Title, Is.EqualTo("Access to web-1: Active until 2025-03-03 11:00 UTC"), "the card the button sat on, redrawn");
            Assert.That(result.Card.Sensitive, Is.False);
            Assert.That(world.Store.Outbox, Has.Count.EqualTo(outboxBefore), "nothing is sent anywhere");
            Assert.That(world.Store.Audit[^1].Kind, Is.EqualTo(AuditKinds.CredentialsIssued));
            Assert.That(world.Store.Audit[^1].Data, Does.Contain(minted.KeyId));
            Assert.That(world.Store.Audit[^1].Actor, Is.EqualTo(WorkflowWorld.Requester));
        });
        var everythingStored = string.Join("\n", world.Store.Audit.Select(a => a.Data + a.Kind))
                               + string.Join("\n", world.Store.Outbox.Select(m => CoreJson.Serialize(m.Card)))
                               + CoreJson.Serialize(await world.RequestAsync(active.Id));
        Assert.That(everythingStored, Does.Not.Contain(secret));
    }

    [TestCase(WorkflowWorld.Approver)]
    [TestCase(WorkflowWorld.Stranger)]
    [TestCase("nobody@example.com")]
    public async Task Nobody_but_the_requester_gets_credentials_and_nothing_is_minted(string who)
    {
        var (world, handler) = Create();
        var active = await world.ActiveAsync();
        var commits = world.Store.Commits.Count;

        var result = await Press(handler, who, active.Id);

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"only {WorkflowWorld.Requester}, who asked, can get credentials for request {active.Id}."));
        Assert.That(result.PrivateCard, Is.Null);
        Assert.That(world.Issuer.Minted, Is.Empty);
        Assert.That(world.Store.Commits, Has.Count.EqualTo(commits));
    }

    [Test]
    public async Task A_pending_request_gets_no_credentials()
    {
        var (world, handler) = Create();
        var pending = await world.PendingAsync();

        var result = await Press(handler, WorkflowWorld.Requester, pending.Id);

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"request {pending.Id} is pending; credentials are only issued while access is active."));
        Assert.That(world.Issuer.Minted, Is.Empty);
    }

    [Test]
    public async Task After_the_window_closes_no_credentials_are_issued_even_before_the_expiry_job_runs_and_the_press_expires_the_grant()
    {
        var (world, handler) = Create();
        var active = await world.ActiveAsync();
        world.Time.Advance(active.ExpiresAt!.Value - world.Now);
        Assert.That((await world.RequestAsync(active.Id)).State, Is.EqualTo(AccessRequestState.Active), "the expiry job is held back");

        var result = await Press(handler, WorkflowWorld.Requester, active.Id);

        var stored = await world.RequestAsync(active.Id);
        Assert.That(stored.State, Is.EqualTo(AccessRequestState.Expired), "closed in the same transaction that refused");
        Assert.That(world.Store.JobsFor(active.Id).Select(j => j.Kind), Is.EqualTo(new[] { JobKind.EndSessions }));
        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"the access window of request {active.Id} closed at 2025-03-03 11:00 UTC; ask again with /access."));
        Assert.That(world.Issuer.Minted, Is.Empty);
    }

    [Test]
    public async Task A_revoked_grant_gets_no_credentials()
    {
        var (world, handler) = Create();
        var active = await world.ActiveAsync();
        await world.Workflow.RevokeAsync(active.Id, WorkflowWorld.User(WorkflowWorld.Requester));

        var result = await Press(handler, WorkflowWorld.Requester, active.Id);

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo($"request {active.Id} is revoked; credentials are only issued while access is active."));
    }

    [Test]
    public async Task A_grantor_that_cannot_mint_offers_no_button_and_refuses_the_verb()
    {
        var (world, handler) = Create(issuesCredentials: false);
        var active = await world.ActiveAsync();

        var result = await Press(handler, WorkflowWorld.Requester, active.Id);

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo("this deployment hands out no credentials; connect with the command in your access message."));
        Assert.That(world.Workflow.Cards.Granted(active).Actions.Select(a => a.Verb), Is.EqualTo(new[] { CardVerb.Extend, CardVerb.Revoke }));
    }

    [Test]
    public async Task A_grantor_that_can_mint_offers_the_button_to_the_requester()
    {
        var (world, _) = Create();
        var active = await world.ActiveAsync();

        var actions = world.Workflow.Cards.Granted(active).Actions;

        Assert.That(actions.Select(a => (a.Verb, a.Audience)), Is.EqualTo(new[]
        {
            (CardVerb.Credentials, CardAudience.Requester), (CardVerb.Extend, CardAudience.Requester), (CardVerb.Revoke, CardAudience.Requester),
        }));
        var dm = world.Store.OutboxFor(active.Id).Single(m => m.Kind == NotificationKind.DirectMessage && m.Recipient == WorkflowWorld.Requester);
        Assert.That(dm.Card.Actions.Select(a => a.Verb), Does.Contain(CardVerb.Credentials), "the grant DM carries it");
    }

    [Test]
    public async Task A_failing_mint_is_refused_plainly_and_nothing_is_committed()
    {
        var (world, handler) = Create();
        var active = await world.ActiveAsync();
        var commits = world.Store.Commits.Count;
        world.Issuer.Failure = new InvalidOperationException("sts: throttled");

        var result = await Press(handler, WorkflowWorld.Requester, active.Id);

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo("the credentials could not be issued right now; try again in a minute."));
        Assert.That(world.Store.Commits, Has.Count.EqualTo(commits));
    }

    [Test]
    public void A_sensitive_card_cannot_be_put_in_the_outbox()
    {
        var card = new ChatCard { Title = "creds", Code = "export AWS_SECRET_ACCESS_KEY=x", Sensitive = true };

        var error = Assert.Throws<ArgumentException>(() => _ = new OutboxMessage("ar-1", 1, NotificationKind.DirectMessage, null, "dev@example.com", card, "k"));

        Assert.That(error!.Message, Does.StartWith("a sensitive card never enters the outbox"));
    }

    [Test]
    public async Task The_private_card_never_prints_its_secrets_even_inside_the_result()
    {
        var (world, handler) = Create();
        var active = await world.ActiveAsync();

        var result = await Press(handler, WorkflowWorld.Requester, active.Id);

        var secret = FakeCredentialIssuingGrantor.SecretOf(world.Issuer.Minted.Single());
        Assert.That(result.PrivateCard!.Code, Does.Contain(secret), "the card itself carries them, for the requester");
        Assert.That(result.ToString(), Does.Not.Contain(secret).And.Contain("contents redacted"));
        Assert.That(result.PrivateCard.ToString(), Does.Not.Contain(secret));
    }

    [Test]
    public void Credentials_never_print_their_secrets()
    {
        var credentials = new AccessCredentials("ASIA1", ["export AWS_SECRET_ACCESS_KEY=top-secret"], "aws ssm start-session --target i-1", DateTimeOffset.UnixEpoch);

        Assert.That(credentials.ToString(), Does.Not.Contain("top-secret").And.Contain("ASIA1"));
        Assert.That($"{credentials}", Does.Not.Contain("top-secret"));
    }
}
