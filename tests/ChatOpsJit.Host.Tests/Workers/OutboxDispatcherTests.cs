using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Host.Workers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace ChatOpsJit.Host.Tests.Workers;

public sealed class OutboxDispatcherTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly WorkerOptions settings = new() { MaxDeliveryAttempts = 5, FirstRetryDelay = TimeSpan.FromSeconds(2), MaxRetryDelay = TimeSpan.FromMinutes(15), BatchSize = 7, Lease = TimeSpan.FromMinutes(2) };
    private FakeTimeProvider time = null!;
    private Mock<IOutboxStore> outbox = null!;
    private Mock<IChatPlatform> platform = null!;
    private Mock<IEmailSender> email = null!;
    private OutboxDispatcher dispatcher = null!;
    private WorkSignal signal = null!;

    [TearDown]
    public void DisposeDispatcher() => dispatcher.Dispose();

    [SetUp]
    public void Create()
    {
        time = new FakeTimeProvider(Now);
        outbox = new Mock<IOutboxStore>();
        platform = new Mock<IChatPlatform>();
        platform.SetupGet(p => p.Name).Returns(PlatformName.Console);
        email = new Mock<IEmailSender>();
        signal = new WorkSignal();
        dispatcher = new OutboxDispatcher(outbox.Object, new NotificationRouter([platform.Object], [email.Object]), signal,
            Options.Create(settings), TestSupport.Metrics(), time, NullLogger<OutboxDispatcher>.Instance);
    }

    private static OutboxMessage Dm(long id, int attempts, string platform = "console") =>
        new OutboxMessage("ar-1", 1, NotificationKind.DirectMessage, new PlatformName(platform), "dev@example.com", new ChatCard { Title = "t" }, $"key-{id}") { Id = id, Attempts = attempts, DueAt = Now };

    private void Claims(params OutboxMessage[] messages) =>
        outbox.Setup(o => o.ClaimDueAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync(messages);

    private void DmFailsWith(Exception e) =>
        platform.Setup(p => p.SendDirectAsync(It.IsAny<DirectRecipient>(), It.IsAny<ChatCard>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(e);

    private DateTimeOffset? RecordedRetryAt(long id)
    {
        var call = outbox.Invocations.Single(i => i.Method.Name == nameof(IOutboxStore.MarkFailedAsync) && ((OutboxMessage)i.Arguments[0]).Id == id);
        return (DateTimeOffset?)call.Arguments[2];
    }

    [Test]
    public async Task Claims_with_the_current_time_batch_size_and_lease()
    {
        Claims();

        var claimed = await dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.That(claimed, Is.Zero);
        outbox.Verify(o => o.ClaimDueAsync(Now, 7, TimeSpan.FromMinutes(2), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task A_delivered_message_is_marked_delivered_at_the_current_time()
    {
        Claims(Dm(41, 1));

        var claimed = await dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.That(claimed, Is.EqualTo(1));
        platform.Verify(p => p.SendDirectAsync(new DirectRecipient("dev@example.com", null), It.IsAny<ChatCard>(), "key-41", It.IsAny<CancellationToken>()), Times.Once);
        outbox.Verify(o => o.MarkDeliveredAsync(It.Is<OutboxMessage>(m => m.Id == 41), Now, null, It.IsAny<CancellationToken>()), Times.Once);
        outbox.Verify(o => o.MarkFailedAsync(It.IsAny<OutboxMessage>(), It.IsAny<string>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_message_whose_lease_is_half_gone_before_its_turn_is_handed_back_unsent_for_a_fresh_claim()
    {
        // Two DMs of one request go one after the other; the first takes half the lease (a slow platform, a busy machine).
        platform.Setup(p => p.SendDirectAsync(It.IsAny<DirectRecipient>(), It.IsAny<ChatCard>(), "key-51", It.IsAny<CancellationToken>()))
            .Callback(() => time.Advance(settings.Lease / 2))
            .ReturnsAsync(new CardReference(PlatformName.Console, "dm", "1"));
        Claims(Dm(51, 1), Dm(52, 1));

        await dispatcher.RunOnceAsync(CancellationToken.None);

        platform.Verify(p => p.SendDirectAsync(It.IsAny<DirectRecipient>(), It.IsAny<ChatCard>(), "key-52", It.IsAny<CancellationToken>()), Times.Never,
            "another replica may claim it once the lease runs out; sending it now could send it twice");
        outbox.Verify(o => o.MarkDeliveredAsync(It.Is<OutboxMessage>(m => m.Id == 51), It.IsAny<DateTimeOffset>(), It.IsAny<CardReference?>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(RecordedRetryAt(52), Is.EqualTo(Now + settings.Lease / 2), "due again at once, for the next claim");
    }

    [Test]
    public async Task When_the_host_stops_the_delivery_in_flight_is_finished_and_marked_delivered_and_the_rows_not_started_are_handed_back()
    {
        // Cancelling a post that Slack had already taken would leave it unmarked, and another replica would post it again.
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        platform.Setup(p => p.SendDirectAsync(It.IsAny<DirectRecipient>(), It.IsAny<ChatCard>(), "key-61", It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                sending.SetResult();
                await release.Task;
                return new CardReference(PlatformName.Console, "dm", "61");
            });
        var markedWith = CancellationToken.None;
        outbox.Setup(o => o.MarkDeliveredAsync(It.IsAny<OutboxMessage>(), It.IsAny<DateTimeOffset>(), It.IsAny<CardReference?>(), It.IsAny<CancellationToken>()))
            .Callback((OutboxMessage _, DateTimeOffset _, CardReference? _, CancellationToken ct) => markedWith = ct)
            .ReturnsAsync(true);
        Claims(Dm(61, 1), Dm(62, 1));

        await dispatcher.StartAsync(CancellationToken.None);
        await sending.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stopped = dispatcher.StopAsync(CancellationToken.None);
        Assert.That(stopped.IsCompleted, Is.False, "the stop waits for the delivery in flight");
        release.SetResult();
        await stopped.WaitAsync(TimeSpan.FromSeconds(10));

        outbox.Verify(o => o.MarkDeliveredAsync(It.Is<OutboxMessage>(m => m.Id == 61), It.IsAny<DateTimeOffset>(), It.IsAny<CardReference?>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(markedWith.IsCancellationRequested, Is.False, "marked delivered with a token the stop did not cancel");
        platform.Verify(p => p.SendDirectAsync(It.IsAny<DirectRecipient>(), It.IsAny<ChatCard>(), "key-62", It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(RecordedRetryAt(62), Is.EqualTo(Now), "handed back, due at once, for a replica that is not stopping");
        outbox.Verify(o => o.ClaimDueAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task A_commit_that_lands_while_the_worker_claims_nothing_still_wakes_it_with_the_clock_stopped()
    {
        // Group commit releases a transition and a claim that shared one commit at the same moment: the claim found nothing,
        // and the transition's pulse comes before the worker has begun to sleep. The fake clock never reaches the poll interval.
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = 0;
        outbox.Setup(o => o.ClaimDueAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                if (Interlocked.Increment(ref claims) == 1)
                {
                    signal.Pulse();
                    return [];
                }

                return claims == 2 ? [Dm(81, 1)] : [];
            });
        platform.Setup(p => p.SendDirectAsync(It.IsAny<DirectRecipient>(), It.IsAny<ChatCard>(), "key-81", It.IsAny<CancellationToken>()))
            .Callback(() => delivered.TrySetResult())
            .ReturnsAsync(new CardReference(PlatformName.Console, "dm", "81"));
        outbox.Setup(o => o.MarkDeliveredAsync(It.IsAny<OutboxMessage>(), It.IsAny<DateTimeOffset>(), It.IsAny<CardReference?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);

        await dispatcher.StartAsync(CancellationToken.None);
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.That(claims, Is.GreaterThanOrEqualTo(2), "woken by the pulse, not by the clock");
    }

    [Test]
    public async Task A_delivery_still_running_when_the_drain_timeout_ends_is_cancelled_and_left_to_its_lease()
    {
        settings.DrainTimeout = TimeSpan.FromMilliseconds(200);
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        platform.Setup(p => p.SendDirectAsync(It.IsAny<DirectRecipient>(), It.IsAny<ChatCard>(), "key-71", It.IsAny<CancellationToken>()))
            .Returns(async (DirectRecipient _, ChatCard _, string _, CancellationToken ct) =>
            {
                sending.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return new CardReference(PlatformName.Console, "dm", "71");
            });
        Claims(Dm(71, 1));

        await dispatcher.StartAsync(CancellationToken.None);
        await sending.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await dispatcher.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        outbox.Verify(o => o.MarkDeliveredAsync(It.IsAny<OutboxMessage>(), It.IsAny<DateTimeOffset>(), It.IsAny<CardReference?>(), It.IsAny<CancellationToken>()), Times.Never);
        outbox.Verify(o => o.MarkFailedAsync(It.IsAny<OutboxMessage>(), It.IsAny<string>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()), Times.Never,
            "not known to have failed: it may have gone out, so its lease decides");
    }

    [Test]
    public async Task A_failure_is_marked_failed_with_its_error_and_a_backoff_retry_time()
    {
        DmFailsWith(new HttpRequestException("platform down"));
        Claims(Dm(42, 3));

        await dispatcher.RunOnceAsync(CancellationToken.None);

        outbox.Verify(o => o.MarkFailedAsync(It.Is<OutboxMessage>(m => m.Id == 42), "platform down", It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()), Times.Once);
        outbox.Verify(o => o.MarkDeliveredAsync(It.IsAny<OutboxMessage>(), It.IsAny<DateTimeOffset>(), It.IsAny<CardReference?>(), It.IsAny<CancellationToken>()), Times.Never);
        // attempt 3: between half the first delay and 2s * 2^2.
        Assert.That(RecordedRetryAt(42), Is.InRange(Now + TimeSpan.FromSeconds(1), Now + TimeSpan.FromSeconds(8)));
    }

    [Test]
    public async Task A_retry_after_failure_is_retried_no_sooner_than_retry_after()
    {
        DmFailsWith(new RetryAfterException(TimeSpan.FromMinutes(3), "429 Too Many Requests"));
        Claims(Dm(43, 1));

        await dispatcher.RunOnceAsync(CancellationToken.None);

        outbox.Verify(o => o.MarkFailedAsync(It.Is<OutboxMessage>(m => m.Id == 43), "429 Too Many Requests", It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(RecordedRetryAt(43), Is.GreaterThanOrEqualTo(Now + TimeSpan.FromMinutes(3)));
    }

    [Test]
    public async Task A_message_below_the_attempt_limit_is_still_retried()
    {
        DmFailsWith(new HttpRequestException("down"));
        Claims(Dm(44, settings.MaxDeliveryAttempts - 1));

        await dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.That(RecordedRetryAt(44), Is.Not.Null);
    }

    [TestCase(0)]
    [TestCase(1)]
    public async Task At_the_attempt_limit_the_message_is_dead_lettered_with_no_retry_time(int beyond)
    {
        DmFailsWith(new RetryAfterException(TimeSpan.FromMinutes(3), "429"));
        Claims(Dm(45, settings.MaxDeliveryAttempts + beyond));

        await dispatcher.RunOnceAsync(CancellationToken.None);

        outbox.Verify(o => o.MarkFailedAsync(It.Is<OutboxMessage>(m => m.Id == 45), "429", null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task An_unknown_platform_is_marked_failed_naming_the_platform()
    {
        Claims(Dm(46, 1, platform: "teams"));

        await dispatcher.RunOnceAsync(CancellationToken.None);

        outbox.Verify(o => o.MarkFailedAsync(It.Is<OutboxMessage>(m => m.Id == 46), "no chat platform 'teams' is enabled", It.IsNotNull<DateTimeOffset?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task One_failing_message_does_not_stop_the_rest_of_the_batch()
    {
        platform.SetupSequence(p => p.SendDirectAsync(It.IsAny<DirectRecipient>(), It.IsAny<ChatCard>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("boom"))
            .ReturnsAsync(new CardReference(new PlatformName("console"), "dm:dev@example.com", "2"));
        Claims(Dm(47, 1), Dm(48, 1));

        var claimed = await dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.That(claimed, Is.EqualTo(2));
        outbox.Verify(o => o.MarkFailedAsync(It.Is<OutboxMessage>(m => m.Id == 47), "boom", It.IsNotNull<DateTimeOffset?>(), It.IsAny<CancellationToken>()), Times.Once);
        outbox.Verify(o => o.MarkDeliveredAsync(It.Is<OutboxMessage>(m => m.Id == 48), Now, new CardReference(new PlatformName("console"), "dm:dev@example.com", "2"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task After_repeated_failures_the_circuit_opens_and_the_platform_is_not_called_but_the_message_is_still_retried()
    {
        DmFailsWith(new HttpRequestException("down"));
        for (var id = 1; id <= 5; id++)
        {
            Claims(Dm(id, 1));
            await dispatcher.RunOnceAsync(CancellationToken.None);
        }

        platform.Invocations.Clear();
        Claims(Dm(6, 1));
        await dispatcher.RunOnceAsync(CancellationToken.None);

        platform.Verify(p => p.SendDirectAsync(It.IsAny<DirectRecipient>(), It.IsAny<ChatCard>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(RecordedRetryAt(6), Is.Not.Null);
    }

    [Test]
    public async Task An_email_is_delivered_through_the_email_sender()
    {
        var message = new OutboxMessage("ar-1", 1, NotificationKind.Email, null, "dev@example.com", new ChatCard { Title = "t" }, "key-50") { Id = 50, Attempts = 1 };
        Claims(message);

        await dispatcher.RunOnceAsync(CancellationToken.None);

        email.Verify(e => e.SendAsync("dev@example.com", message.Card, "key-50", It.IsAny<CancellationToken>()), Times.Once);
        outbox.Verify(o => o.MarkDeliveredAsync(It.Is<OutboxMessage>(m => m.Id == 50), Now, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task A_posted_card_is_marked_delivered_with_the_reference_the_platform_returned()
    {
        var reference = new CardReference(PlatformName.Console, "platform-approvals", "12");
        platform.Setup(p => p.PostCardAsync("platform-approvals", It.IsAny<ChatCard>(), "key-60", It.IsAny<CancellationToken>())).ReturnsAsync(reference);
        Claims(new OutboxMessage("ar-1", 1, NotificationKind.ChannelCard, PlatformName.Console, "platform-approvals", new ChatCard { Title = "t" }, "key-60")
            { Id = 60, Attempts = 1, CardKey = "approval:ar-1" });

        await dispatcher.RunOnceAsync(CancellationToken.None);

        outbox.Verify(o => o.MarkDeliveredAsync(It.Is<OutboxMessage>(m => m.Id == 60), Now, reference, It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase(3, 4, true)]
    [TestCase(4, 4, false)]
    [TestCase(5, 4, false)]
    public async Task An_update_reaches_the_platform_only_when_newer_than_the_card_it_would_replace(int shown, int version, bool delivered)
    {
        var reference = new CardReference(PlatformName.Console, "platform-approvals", "12");
        Claims(new OutboxMessage("ar-1", version, NotificationKind.CardUpdate, PlatformName.Console, "platform-approvals", new ChatCard { Title = "t" }, "key-61")
            { Id = 61, Attempts = 1, CardKey = "approval:ar-1", Target = new PostedCard(reference, shown) });

        await dispatcher.RunOnceAsync(CancellationToken.None);

        platform.Verify(p => p.UpdateCardAsync(reference, It.IsAny<ChatCard>(), It.IsAny<CancellationToken>()), delivered ? Times.Once() : Times.Never());
        outbox.Verify(o => o.MarkDeliveredAsync(It.Is<OutboxMessage>(m => m.Id == 61), Now, null, It.IsAny<CancellationToken>()), Times.Once, "an older update is done with, not retried");
    }

    [Test]
    public async Task A_card_update_whose_card_was_never_posted_is_dropped_as_delivered_without_calling_the_platform()
    {
        var update = new OutboxMessage("ar-1", 3, NotificationKind.CardUpdate, PlatformName.Console, "platform-approvals", new ChatCard { Title = "t" }, "key-50")
        {
            Id = 50, Attempts = 1, DueAt = Now, CardKey = "approval:ar-1",
        };
        Claims(update);

        await dispatcher.RunOnceAsync(CancellationToken.None);

        platform.Verify(p => p.UpdateCardAsync(It.IsAny<CardReference>(), It.IsAny<ChatCard>(), It.IsAny<CancellationToken>()), Times.Never);
        outbox.Verify(o => o.MarkDeliveredAsync(It.Is<OutboxMessage>(m => m.Id == 50), Now, null, It.IsAny<CancellationToken>()), Times.Once);
        outbox.Verify(o => o.MarkFailedAsync(It.IsAny<OutboxMessage>(), It.IsAny<string>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
