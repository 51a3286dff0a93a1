using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Storage;
using ChatOpsJit.Storage.Postgres;
using Dapper;

namespace ChatOpsJit.Storage.Tests.Postgres;

/// <summary>Several replicas (separate database objects and pools) working on one PostgreSQL database at once.</summary>
public sealed class PostgresReplicaTests : PostgresTestBase
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [Test]
    public async Task Replicas_claiming_jobs_at_once_with_skip_locked_never_get_the_same_job()
    {
        var replicas = await MigratedReplicasAsync(4);
        var requests = new PostgresAccessRequestStore(replicas[0], AuditKeys);
        for (var r = 0; r < 60; r++)
        {
            var request = Build.Request($"ar-{r:x8}", T0);
            Assert.That(await requests.TryCommitAsync(Build.Insert(request, jobs: [Build.Job(request.Id, JobKind.TimeOut, T0.AddSeconds(r))])), Is.True);
        }

        var perReplica = await RaceAsync(replicas.Length, async i =>
        {
            var jobs = new JobStore(replicas[i]);
            var mine = new List<DueJob>();
            while (await jobs.ClaimDueAsync(T0.AddMinutes(1), 3, Lease) is { Count: > 0 } batch)
            {
                mine.AddRange(batch);
            }

            return mine;
        });

        var all = perReplica.SelectMany(j => j).ToList();
        Assert.That(all.Select(j => j.Id), Is.Unique);
        Assert.That(all, Has.Count.EqualTo(60));
        Assert.That(all.Select(j => j.Attempts), Is.All.EqualTo(1), "no job was leased twice");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM jobs WHERE attempts = 1 AND lease_until IS NOT NULL;"), Is.EqualTo(60));
    }

    [Test]
    public async Task A_claim_passes_over_a_row_another_replica_has_locked_instead_of_waiting_for_it()
    {
        var replicas = await MigratedReplicasAsync(2);
        var requests = new PostgresAccessRequestStore(replicas[0], AuditKeys);
        foreach (var id in new[] { "ar-00000001", "ar-00000002" })
        {
            await requests.TryCommitAsync(Build.Insert(Build.Request(id, T0), [Build.Message(id, id)], [Build.Job(id, JobKind.Grant, T0)]));
        }

        // Replica 0 is in the middle of claiming the first job and message: it holds their row locks.
        await using var connection = await replicas[0].OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT id FROM jobs WHERE request_id = 'ar-00000001' FOR UPDATE;", transaction: transaction);
        await connection.ExecuteAsync("SELECT id FROM outbox WHERE request_id = 'ar-00000001' FOR UPDATE;", transaction: transaction);

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var jobs = await new JobStore(replicas[1]).ClaimDueAsync(T0, 10, Lease, patience.Token);
        var messages = await new PostgresOutboxStore(replicas[1]).ClaimDueAsync(T0, 10, Lease, patience.Token);

        Assert.That(jobs.Select(j => j.RequestId), Is.EqualTo(new[] { "ar-00000002" }), "the locked job is skipped, the free one claimed");
        Assert.That(messages.Select(m => m.RequestId), Is.EqualTo(new[] { "ar-00000002" }));
        await transaction.RollbackAsync();
        Assert.That((await new JobStore(replicas[1]).ClaimDueAsync(T0, 10, Lease)).Select(j => j.RequestId), Is.EqualTo(new[] { "ar-00000001" }),
            "once released, the row is claimable");
    }

    [Test]
    public async Task Replicas_claiming_the_outbox_at_once_with_skip_locked_never_get_the_same_message()
    {
        var replicas = await MigratedReplicasAsync(4);
        var requests = new PostgresAccessRequestStore(replicas[0], AuditKeys);
        for (var r = 0; r < 20; r++)
        {
            var id = $"ar-{r:x8}";
            var messages = Enumerable.Range(0, 3).Select(k => Build.Message(id, $"{id}-{k}") with { CardKey = $"card-{id}-{k}" }).ToList();
            Assert.That(await requests.TryCommitAsync(Build.Insert(Build.Request(id, T0), messages)), Is.True);
        }

        var perReplica = await RaceAsync(replicas.Length, async i =>
        {
            var outbox = new PostgresOutboxStore(replicas[i]);
            var mine = new List<long>();
            while (await outbox.ClaimDueAsync(T0, 2, Lease) is { Count: > 0 } batch)
            {
                mine.AddRange(batch.Select(m => m.Id));
            }

            return mine;
        });

        var all = perReplica.SelectMany(ids => ids).ToList();
        Assert.That(all, Is.Unique);
        Assert.That(all, Has.Count.EqualTo(60));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM outbox WHERE attempts = 1;"), Is.EqualTo(60), "no message was leased twice");
    }

    [Test]
    public async Task A_replica_that_dies_holding_a_job_keeps_nothing_once_its_lease_runs_out_and_its_late_completion_is_refused()
    {
        var replicas = await MigratedReplicasAsync(2);
        var request = Build.Request("ar-00000001", T0);
        await new PostgresAccessRequestStore(replicas[0], AuditKeys).TryCommitAsync(Build.Insert(request, jobs: [Build.Job(request.Id, JobKind.Grant, T0)]));
        var dying = new JobStore(replicas[0]);
        var survivor = new JobStore(replicas[1]);

        var lost = (await dying.ClaimDueAsync(T0, 10, Lease)).Single();
        await replicas[0].DisposeAsync(); // its pool closes: the process is gone, only its lease is left in the row

        Assert.That(await survivor.ClaimDueAsync(T0 + Lease - TimeSpan.FromSeconds(1), 10, Lease), Is.Empty, "the lease holds until it runs out");
        var taken = (await survivor.ClaimDueAsync(T0 + Lease, 10, Lease)).Single();
        Assert.That(taken.Id, Is.EqualTo(lost.Id));
        Assert.That(taken.Attempts, Is.EqualTo(2));

        // The dead replica's claim, replayed through a fresh connection (as if it came back late), is fenced out.
        var late = new JobStore(Replica());
        Assert.That(await late.CompleteAsync(lost), Is.False);
        Assert.That(await late.RetryAsync(lost, T0.AddDays(1), "late"), Is.False);
        Assert.That(await ScalarAsync<long>("SELECT attempts FROM jobs;"), Is.EqualTo(2), "the job is untouched");
        Assert.That(await survivor.CompleteAsync(taken), Is.True);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM jobs;"), Is.Zero);
    }

    [Test]
    public async Task A_message_whose_lease_ran_out_is_delivered_by_another_replica_and_the_first_replicas_marks_are_refused()
    {
        var replicas = await MigratedReplicasAsync(2);
        await new PostgresAccessRequestStore(replicas[0], AuditKeys).TryCommitAsync(Build.Insert(Build.Request("ar-00000001", T0), [Build.Message("ar-00000001", "k1")]));
        var slow = new PostgresOutboxStore(replicas[0]);
        var fast = new PostgresOutboxStore(replicas[1]);

        var first = (await slow.ClaimDueAsync(T0, 10, Lease)).Single();
        var second = (await fast.ClaimDueAsync(T0 + Lease, 10, Lease)).Single();

        Assert.That(second.Id, Is.EqualTo(first.Id));
        Assert.That(await slow.MarkDeliveredAsync(first, T0 + Lease), Is.False, "the stale claim cannot mark it delivered");
        Assert.That(await slow.MarkFailedAsync(first, "late", null), Is.False, "nor kill it");
        Assert.That(await fast.MarkDeliveredAsync(second, T0 + Lease), Is.True);
        Assert.That(await fast.CountUndeliveredAsync(), Is.Zero);
    }

    [Test]
    public async Task A_card_update_waits_for_its_post_even_while_another_replica_holds_the_post()
    {
        var replicas = await MigratedReplicasAsync(2);
        await new PostgresAccessRequestStore(replicas[0], AuditKeys).TryCommitAsync(Build.Insert(Build.Request("ar-00000001", T0),
            [Build.Message("ar-00000001", "post"), Build.Update("ar-00000001", "update", 2)]));
        var poster = new PostgresOutboxStore(replicas[0]);
        var other = new PostgresOutboxStore(replicas[1]);

        var post = (await poster.ClaimDueAsync(T0, 1, Lease)).Single();
        Assert.That(post.IdempotencyKey, Is.EqualTo("post"));
        Assert.That(await other.ClaimDueAsync(T0, 10, Lease), Is.Empty, "the update waits while the post is claimed but undelivered");

        Assert.That(await poster.MarkDeliveredAsync(post, T0, new Core.Chat.CardReference(Core.Chat.PlatformName.Console, "#approvals", "42")), Is.True);
        var update = (await other.ClaimDueAsync(T0, 10, Lease)).Single();
        Assert.That(update.IdempotencyKey, Is.EqualTo("update"));
        Assert.That(update.Target?.Reference.MessageId, Is.EqualTo("42"), "the update comes with the post's reference");
    }

    [Test]
    public async Task Transitions_committed_at_once_by_several_replicas_keep_the_audit_chain_valid_and_its_sequence_gapless()
    {
        var replicas = await MigratedReplicasAsync(3);
        const int Requests = 24;
        var stores = replicas.Select(r => new PostgresAccessRequestStore(r, AuditKeys)).ToArray();

        await RaceAsync(Requests, async i =>
        {
            var writer = stores[i % stores.Length];
            var current = Build.Request($"ar-{i:x8}", T0.AddSeconds(i));
            Assert.That(await writer.TryCommitAsync(Build.Insert(current)), Is.True);
            foreach (var state in new[] { AccessRequestState.Approved, AccessRequestState.Active, AccessRequestState.Expired })
            {
                // Each step through another replica, as a click, the scheduler and a worker would arrive on different ones.
                writer = stores[(Array.IndexOf(stores, writer) + 1) % stores.Length];
                var transition = Build.Next(current, state, T0.AddMinutes(1).AddTicks(i * 1234567), data: $"{{\"step\":\"{state}\"}}");
                Assert.That(await writer.TryCommitAsync(transition), Is.True);
                current = transition.Request;
            }

            return current;
        });

        var records = new List<AuditRecord>();
        await foreach (var record in new PostgresAuditLog(Replica()).ReadAsync())
        {
            records.Add(record);
        }

        var verifier = new AuditVerifier(AuditKeys.All);
        var breaks = records.Select(verifier.Add).Where(b => b is not null).ToList();
        Assert.That(breaks, Is.Empty);
        Assert.That(verifier.Finish(), Is.Null);
        Assert.That(records.Select(r => r.Sequence), Is.EqualTo(Enumerable.Range(1, Requests * 4).Select(n => (long)n)), "gapless, each number once");
        Assert.That(records.GroupBy(r => r.RequestId).Select(g => g.Select(r => r.Kind)), Has.All.EqualTo(new[]
        {
            "request.submitted", "request.approved", "request.active", "request.expired",
        }), "each request's records in its own order");
    }
}
