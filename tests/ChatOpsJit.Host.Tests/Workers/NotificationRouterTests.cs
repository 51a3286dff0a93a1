using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Workers;
using Moq;

namespace ChatOpsJit.Host.Tests.Workers;

public sealed class NotificationRouterTests
{
    private static readonly ChatCard Card = new() { Title = "Access request ar-1" };
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
        router = new NotificationRouter([console.Object, slack.Object], email.Object);
    }

    private static Mock<IChatPlatform> Platform(string name)
    {
        var mock = new Mock<IChatPlatform>(MockBehavior.Strict);
        mock.SetupGet(p => p.Name).Returns(name);
        return mock;
    }

    private static OutboxMessage Message(string channel, NotificationKind kind, string recipient, string? cardKey = null) =>
        new("ar-1", channel, kind, recipient, cardKey, Card, $"ar-1:1:{kind}:{channel}:{recipient}");

    [Test]
    public async Task A_channel_card_is_posted_on_the_named_platform_only()
    {
        slack.Setup(p => p.PostCardAsync("platform-approvals", "approval:ar-1", Card, "ar-1:1:ChannelCard:slack:platform-approvals", It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask).Verifiable(Times.Once);

        await router.DeliverAsync(Message("slack", NotificationKind.ChannelCard, "platform-approvals", "approval:ar-1"), CancellationToken.None);

        slack.Verify();
        console.Verify(p => p.PostCardAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<ChatCard>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_card_update_updates_by_card_key()
    {
        console.Setup(p => p.UpdateCardAsync("approval:ar-1", Card, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask).Verifiable(Times.Once);

        await router.DeliverAsync(Message("console", NotificationKind.CardUpdate, "platform-approvals", "approval:ar-1"), CancellationToken.None);

        console.Verify();
    }

    [Test]
    public async Task A_direct_message_goes_to_the_recipient_on_the_named_platform()
    {
        console.Setup(p => p.SendDirectAsync("dev@example.com", Card, "ar-1:1:DirectMessage:console:dev@example.com", It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask).Verifiable(Times.Once);

        await router.DeliverAsync(Message("console", NotificationKind.DirectMessage, "dev@example.com"), CancellationToken.None);

        console.Verify();
    }

    [Test]
    public async Task An_email_goes_to_the_email_sender_with_its_idempotency_key()
    {
        email.Setup(e => e.SendAsync("dev@example.com", Card, "ar-1:1:Email:email:dev@example.com", It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask).Verifiable(Times.Once);

        await router.DeliverAsync(Message("email", NotificationKind.Email, "dev@example.com"), CancellationToken.None);

        email.Verify();
    }

    [Test]
    public async Task The_platform_name_matches_case_insensitively()
    {
        slack.Setup(p => p.SendDirectAsync("dev@example.com", Card, It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask).Verifiable(Times.Once);

        await router.DeliverAsync(Message("Slack", NotificationKind.DirectMessage, "dev@example.com"), CancellationToken.None);

        slack.Verify();
    }

    [Test]
    public async Task The_cancellation_token_is_passed_on()
    {
        using var cts = new CancellationTokenSource();
        console.Setup(p => p.SendDirectAsync(It.IsAny<string>(), It.IsAny<ChatCard>(), It.IsAny<string>(), cts.Token)).Returns(Task.CompletedTask).Verifiable(Times.Once);

        await router.DeliverAsync(Message("console", NotificationKind.DirectMessage, "dev@example.com"), cts.Token);

        console.Verify();
    }

    [Test]
    public void An_unknown_channel_throws_naming_it()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => router.DeliverAsync(Message("teams", NotificationKind.ChannelCard, "approvers", "approval:ar-1"), CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("no chat platform 'teams' is enabled"));
    }

    [Test]
    public void A_platform_failure_reaches_the_caller()
    {
        console.Setup(p => p.SendDirectAsync(It.IsAny<string>(), It.IsAny<ChatCard>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("503"));

        Assert.ThrowsAsync<HttpRequestException>(() => router.DeliverAsync(Message("console", NotificationKind.DirectMessage, "dev@example.com"), CancellationToken.None));
    }
}
