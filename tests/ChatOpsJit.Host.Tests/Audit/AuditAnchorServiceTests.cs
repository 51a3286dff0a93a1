using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Host.Audit;
using ChatOpsJit.Storage.Audit;
using ChatOpsJit.Storage.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Host.Tests.Audit;

/// <summary>The anchoring service over a real SQLite log and a real anchor file, its timer driven by fake time.</summary>
public sealed class AuditAnchorServiceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly AuditKeyRing keys = new(AuditKey.Generate());
    private TempFolder folder = null!;
    private SqliteDatabase database = null!;
    private FakeTimeProvider time = null!;
    private LogCapture logs = null!;
    private int requests;

    private FileAuditAnchor Anchors => new(folder.File("chatopsjit.audit-anchor"));

    [SetUp]
    public async Task Open()
    {
        folder = new TempFolder();
        database = await SqliteStore.OpenAsync($"Data Source={folder.File("chatopsjit.db")}");
        time = new FakeTimeProvider(T0);
        logs = new LogCapture();
    }

    [TearDown]
    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        logs.Dispose();
        folder.Dispose();
    }

    private AuditAnchorService Service() =>
        new(new SqliteAuditLog(database), Anchors, new LoadedAuditKeys(keys, "test"), Options.Create(new AuditOptions { AnchorInterval = Interval }), time,
            new LoggerFactory([logs]).CreateLogger<AuditAnchorService>());

    /// <summary>One submitted request: one more record.</summary>
    private async Task CommitAsync()
    {
        var id = $"ar-{++requests:x8}";
        var request = new AccessRequest
        {
            Id = id, Version = 1, State = AccessRequestState.Pending, RequesterEmail = "dev@example.com", RequesterName = "Dev",
            OriginPlatform = PlatformName.Console, NodeId = "i-" + id, NodeName = "web-1", Reason = "r", Duration = TimeSpan.FromHours(1), CreatedAt = time.GetUtcNow(),
        };
        var entry = new AuditEntry(id, AuditKinds.RequestSubmitted, "dev@example.com", time.GetUtcNow(), "{}");
        Assert.That(await new SqliteAccessRequestStore(database, keys).TryCommitAsync(new Transition(request, 0, entry, [], [], [])), Is.True);
    }

    private async Task<List<AuditAnchor>> AnchoredAsync() => (await Anchors.ReadAllAsync()).Select(a => a.Anchor!).ToList();

    /// <summary>Moves fake time on by the interval until <paramref name="condition"/> holds (the timer re-arms after each pass).</summary>
    private async Task TickUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            time.Advance(Interval);
            await Task.Delay(10);
        }

        Assert.Fail("timed out waiting for " + what);
    }

    [Test]
    public async Task The_head_is_anchored_on_the_timer_when_it_moved_and_at_shutdown_and_not_again_when_it_did_not()
    {
        using var service = Service();
        await service.StartAsync(CancellationToken.None);
        Assert.That(await AnchoredAsync(), Is.Empty, "an empty log has no head to anchor");

        await CommitAsync();
        await CommitAsync();
        await TickUntilAsync(async () => (await AnchoredAsync()).Count == 1, "the first anchor");
        Assert.That(await service.AnchorIfMovedAsync(CancellationToken.None), Is.False, "the head did not move");

        await CommitAsync();
        await service.StopAsync(CancellationToken.None);
        var anchored = await AnchoredAsync();

        Assert.That(anchored.Select(a => a.Sequence), Is.EqualTo(new long[] { 2, 3 }));
        var head = await new SqliteAuditLog(database).ReadHeadAsync();
        Assert.That(anchored[^1].Mac, Is.EqualTo(head!.Mac));
        Assert.That(anchored.Select(a => a.SealHolds(keys.Current)), Is.All.True);
        Assert.That(anchored[0].At, Is.GreaterThan(T0), "stamped with the (fake) time of anchoring");
    }

    [Test]
    public async Task At_start_up_the_head_is_anchored_once_and_a_restart_without_new_records_adds_none()
    {
        await CommitAsync();

        using (var first = Service())
        {
            await first.StartAsync(CancellationToken.None);
            await first.StopAsync(CancellationToken.None);
        }

        using (var second = Service())
        {
            await second.StartAsync(CancellationToken.None);
            await second.StopAsync(CancellationToken.None);
        }

        Assert.That((await AnchoredAsync()).Select(a => a.Sequence), Is.EqualTo(new long[] { 1 }));
    }

    [Test]
    public async Task A_database_truncated_behind_its_last_anchor_is_logged_at_start_up_and_the_host_still_starts()
    {
        for (var i = 0; i < 6; i++)
        {
            await CommitAsync();
        }

        using (var first = Service())
        {
            await first.StartAsync(CancellationToken.None);
            await first.StopAsync(CancellationToken.None);
        }

        await using (var connection = await database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("DELETE FROM audit_log WHERE seq > 3;");
        }

        using var second = Service();
        await second.StartAsync(CancellationToken.None);
        await second.StopAsync(CancellationToken.None);

        Assert.That(logs.Lines, Has.Some.Contains(
            "AuditAnchorService: The audit log ends at record 3 but record 6 was anchored at 2026-12-01 10:00 UTC: records 4-6 are missing (truncated). Run chatopsjit audit verify"));
    }

    [Test]
    public async Task A_database_rewritten_at_its_anchored_record_is_logged_at_start_up()
    {
        await CommitAsync();
        await CommitAsync();
        using (var first = Service())
        {
            await first.StartAsync(CancellationToken.None);
            await first.StopAsync(CancellationToken.None);
        }

        await CommitAsync();
        await using (var connection = await database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE audit_log SET hash = @Mac WHERE seq = 2;", new { Mac = new string('f', 64) });
        }

        using var second = Service();
        await second.StartAsync(CancellationToken.None);

        Assert.That(logs.Lines, Has.Some.Contains(
            "AuditAnchorService: Audit record 2 does not match its anchor of 2026-12-01 10:00 UTC: the log was rewritten at or before that record"));
        await second.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task Start_up_names_the_key_id_and_never_the_key()
    {
        using var service = Service();
        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        Assert.That(logs.All, Does.Contain($"Audit records are sealed with key {keys.Current.Id} (test)"));
        Assert.That(logs.All, Does.Not.Contain(keys.Current.ToBase64()));
    }
}
