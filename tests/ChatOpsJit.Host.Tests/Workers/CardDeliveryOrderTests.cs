using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Host.Workers;
using ChatOpsJit.Storage.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Host.Tests.Workers;

/// <summary>
/// The real dispatcher over the real SQLite outbox with a platform that is down at first: a card update written before
/// its post went out waits for the post's reference, then reaches the card the platform said it posted.
/// </summary>
public sealed class CardDeliveryOrderTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly WorkerOptions settings = new() { MaxDeliveryAttempts = 5, FirstRetryDelay = TimeSpan.FromSeconds(2), MaxRetryDelay = TimeSpan.FromSeconds(10) };
    private TempFolder folder = null!;
    private SqliteDatabase database = null!;
    private FakeTimeProvider time = null!;

    [SetUp]
    public async Task Open()
    {
        folder = new TempFolder();
        database = await SqliteStore.OpenAsync($"Data Source={folder.File("outbox.db")}");
        time = new FakeTimeProvider(T0);
    }

    [TearDown]
    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    [Test]
    public async Task An_update_written_while_its_post_keeps_failing_waits_and_then_updates_the_posted_card()
    {
        var requests = new SqliteAccessRequestStore(database, new AuditKeyRing(AuditKey.Generate()));
        var pending = Request(1, AccessRequestState.Pending);
        var approved = Request(2, AccessRequestState.Approved);
        Assert.That(await requests.TryCommitAsync(new Transition(pending, 0, Audit(), [Card(pending, NotificationKind.ChannelCard, "pending")], [], [])), Is.True);
        Assert.That(await requests.TryCommitAsync(new Transition(approved, 1, Audit(), [Card(approved, NotificationKind.CardUpdate, "approved")], [], [])), Is.True);
        var platform = new FlakyPlatform { PostFailures = 4 };
        using var dispatcher = new OutboxDispatcher(new SqliteOutboxStore(database), new NotificationRouter([platform], []), new WorkSignal(),
            Options.Create(settings), TestSupport.Metrics(), time, NullLogger<OutboxDispatcher>.Instance);

        for (var pass = 0; pass < 12 && platform.Updated.Count == 0; pass++)
        {
            await dispatcher.RunOnceAsync(CancellationToken.None);
            time.Advance(settings.MaxRetryDelay);
        }

        await using var connection = await database.OpenConnectionAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(platform.PostAttempts, Is.EqualTo(5), "four failures, then the post");
            Assert.That(platform.Updated, Is.EqualTo(new[] { (new CardReference(PlatformName.Console, "approvals", "m-5"), "approved") }));
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE dead = 1"), Is.Zero, "ordering never dead-letters an update");
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT attempts FROM outbox WHERE kind = 'CardUpdate'"), Is.EqualTo(1),
                "the update was not tried while it waited, so waiting spent none of its attempts");
        });
    }

    private static AccessRequest Request(long version, AccessRequestState state) => new()
    {
        Id = "ar-0000000a",
        Version = version,
        State = state,
        RequesterEmail = "dev@example.com",
        RequesterName = "Dev",
        OriginPlatform = PlatformName.Console,
        NodeId = "i-1",
        NodeName = "web-1",
        Reason = "disk full",
        Duration = TimeSpan.FromHours(1),
        CreatedAt = T0,
    };

    private static AuditEntry Audit() => new("ar-0000000a", AuditKinds.RequestSubmitted, "dev@example.com", T0, "{}");

    private static OutboxMessage Card(AccessRequest r, NotificationKind kind, string title) =>
        new(r.Id, r.Version, kind, PlatformName.Console, "approvals", new ChatCard { Title = title }, $"{r.Id}:{r.Version}:{kind}") { CardKey = $"approval:{r.Id}" };

    /// <summary>A console-named platform whose posts fail a number of times, recording what it updated.</summary>
    private sealed class FlakyPlatform : IChatPlatform
    {
        public int PostFailures { get; set; }

        public int PostAttempts { get; private set; }

        public List<(CardReference Posted, string Title)> Updated { get; } = [];

        public PlatformName Name => PlatformName.Console;

        public Task<CardReference> PostCardAsync(string channel, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default)
        {
            PostAttempts++;
            return PostAttempts <= PostFailures
                ? Task.FromException<CardReference>(new HttpRequestException("503 Service Unavailable"))
                : Task.FromResult(new CardReference(Name, channel, $"m-{PostAttempts}"));
        }

        public Task UpdateCardAsync(CardReference posted, ChatCard card, CancellationToken cancellationToken = default)
        {
            Updated.Add((posted, card.Title));
            return Task.CompletedTask;
        }

        public Task<CardReference> SendDirectAsync(DirectRecipient to, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default) =>
            Task.FromResult(new CardReference(Name, "dm:" + to.Email, idempotencyKey));
    }
}
