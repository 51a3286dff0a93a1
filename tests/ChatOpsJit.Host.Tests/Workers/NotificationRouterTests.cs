using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Workers;
using Moq;

namespace ChatOpsJit.Host.Tests.Workers;

public sealed class NotificationRouterTests
{
    private static readonly ChatCard Card = new() { Title = "Access request ar-1" };
    private static readonly CardReference DmReference = new(PlatformName.Console, "dm:dev@example.com", "7");
    private Mock<IChatPlatform> console = null!;
    private Mock<IChatPlatform> slack = null!;
    private Mock<IEmailSender> email = null!;
    private NotificationRouter router = null!;

    [SetUp]
    public void Create()
    {
        console = Platform("console");
        slack = Platform("slack");
        email = new Mock<IEmailSender>(MockBehavior.Strict);
        router = new NotificationRouter([console.Object, slack.Object], [email.Object]);
    }

    private static Mock<IChatPlatform> Platform(string name)
    {
        var mock = new Mock<IChatPlatform>(MockBehavior.Strict);
        mock.SetupGet(p => p.Name).Returns(new PlatformName(name));
        return mock;
    }

    private static OutboxMessage Message(string? platform, NotificationKind kind, string recipient) =>
        new("ar-1", 1, kind, platform is null ? null : new PlatformName(platform), recipient, Card, $"ar-1:1:{kind}:{platform ?? "email"}:{recipient}");

    [Test]
    public async Task A_channel_card_is_posted_on_the_named_platform_only_and_its_reference_returned()
    {
        var reference = new CardReference(PlatformName.Slack, "C0123", "1700000000.000100");
        slack.Setup(p => p.PostCardAsync("platform-approvals", Card, "ar-1:1:ChannelCard:slack:platform-approvals", It.IsAny<CancellationToken>()))
            .ReturnsAsync(reference).Verifiable(Times.Once);

        var posted = await router.DeliverAsync(Message("slack", NotificationKind.ChannelCard, "platform-approvals") with { CardKey = "approval:ar-1" }, CancellationToken.None);

        Assert.That(posted, Is.EqualTo(reference));
        slack.Verify();
        console.Verify(p => p.PostCardAsync(It.IsAny<string>(), It.IsAny<ChatCard>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_card_update_goes_to_the_stored_reference()
    {
        var reference = new CardReference(PlatformName.Console, "platform-approvals", "7");
        console.Setup(p => p.UpdateCardAsync(reference, Card, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask).Verifiable(Times.Once);

        var posted = await router.DeliverAsync(
            Message("console", NotificationKind.CardUpdate, "platform-approvals") with { CardKey = "approval:ar-1", Target = new PostedCard(reference, 1) }, CancellationToken.None);

        Assert.That(posted, Is.Null);
        console.Verify();
    }

    [Test]
    public void A_card_update_without_a_reference_is_a_bug_not_a_delivery()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() =>
            router.DeliverAsync(Message("console", NotificationKind.CardUpdate, "platform-approvals") with { Id = 9, CardKey = "approval:ar-1" }, CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("card update 9 has no posted card to update"));
    }

    [Test]
    public async Task A_direct_message_goes_to_the_recipient_with_their_user_id_on_the_named_platform()
    {
        console.Setup(p => p.SendDirectAsync(new DirectRecipient("dev@example.com", "U123"), Card, "ar-1:1:DirectMessage:console:dev@example.com", It.IsAny<CancellationToken>()))
            .ReturnsAsync(DmReference).Verifiable(Times.Once);

        await router.DeliverAsync(Message("console", NotificationKind.DirectMessage, "dev@example.com") with { RecipientUserId = "U123" }, CancellationToken.None);

        console.Verify();
    }

    [Test]
    public async Task An_email_goes_to_the_email_sender_with_its_idempotency_key()
    {
        email.Setup(e => e.SendAsync("dev@example.com", Card, "ar-1:1:Email:email:dev@example.com", It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask).Verifiable(Times.Once);

        await router.DeliverAsync(Message(null, NotificationKind.Email, "dev@example.com"), CancellationToken.None);

        email.Verify();
    }

    [Test]
    public void An_email_without_a_sender_throws_saying_so()
    {
        var withoutEmail = new NotificationRouter([console.Object], []);

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => withoutEmail.DeliverAsync(Message(null, NotificationKind.Email, "dev@example.com"), CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("no email sender is configured"));
    }

    [Test]
    public async Task The_platform_name_matches_case_insensitively()
    {
        slack.Setup(p => p.SendDirectAsync(It.IsAny<DirectRecipient>(), Card, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(DmReference).Verifiable(Times.Once);

        await router.DeliverAsync(Message("Slack", NotificationKind.DirectMessage, "dev@example.com"), CancellationToken.None);

        slack.Verify();
    }

    [Test]
    public async Task The_cancellation_token_is_passed_on()
    {
        using var cts = new CancellationTokenSource();
        console.Setup(p => p.SendDirectAsync(It.IsAny<DirectRecipient>(), It.IsAny<ChatCard>(), It.IsAny<string>(), cts.Token)).ReturnsAsync(DmReference).Verifiable(Times.Once);

        await router.DeliverAsync(Message("console", NotificationKind.DirectMessage, "dev@example.com"), cts.Token);

        console.Verify();
    }

    [Test]
    public void An_unknown_platform_throws_naming_it()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => router.DeliverAsync(Message("teams", NotificationKind.ChannelCard, "approvers"), CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("no chat platform 'teams' is enabled"));
    }

    [Test]
    public void A_platform_failure_reaches_the_caller()
    {
        console.Setup(p => p.SendDirectAsync(It.IsAny<DirectRecipient>(), It.IsAny<ChatCard>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("503"));

        Assert.ThrowsAsync<HttpRequestException>(() => router.DeliverAsync(Message("console", NotificationKind.DirectMessage, "dev@example.com"), CancellationToken.None));
    }
}
