using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Storage.Sqlite;

namespace ChatOpsJit.Storage.Tests.Sqlite;

public sealed class AuditChainTests : SqliteTestBase
{
    private SqliteAccessRequestStore store = null!;
    private SqliteAuditLog log = null!;

    [SetUp]
    public void CreateStores()
    {
        store = new SqliteAccessRequestStore(Database);
        log = new SqliteAuditLog(Database);
    }

    /// <summary>10 requests submitted at once, then each moved through 3 more states, the requests in parallel.</summary>
    private async Task CommitManyAsync()
    {
        var submitted = await RaceAsync(10, async i =>
        {
            var request = Build.Request($"ar-{i:x8}", T0.AddSeconds(i));
            Assert.That(await store.TryCommitAsync(Build.Insert(request)), Is.True);
            return request;
        });

        await RaceAsync(10, async i =>
        {
            var current = submitted[i];
            foreach (var state in new[] { AccessRequestState.Approved, AccessRequestState.Active, AccessRequestState.Expired })
            {
                var transition = Build.Next(current, state, T0.AddMinutes(1).AddTicks(i * 1234567), data: $"{{\"step\":\"{state}\"}}");
                Assert.That(await store.TryCommitAsync(transition), Is.True);
                current = transition.Request;
            }

            return current;
        });
    }

    private async Task<List<AuditRecord>> ReadAllAsync(string? requestId = null)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in log.ReadAsync(requestId))
        {
            records.Add(record);
        }

        return records;
    }

    [Test]
    public async Task After_many_commits_some_concurrent_the_chain_verifies_in_sequence_order()
    {
        await CommitManyAsync();

        var records = await ReadAllAsync();

        Assert.That(records.Select(r => r.Sequence), Is.EqualTo(Enumerable.Range(1, 40).Select(i => (long)i)));
        Assert.That(AuditChain.Verify(records), Is.Null);
    }

    [Test]
    public async Task Times_with_sub_millisecond_ticks_and_offsets_still_verify_after_reading_back()
    {
        var request = Build.Request("ar-00000001", T0);
        var odd = new DateTimeOffset(2025, 3, 1, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);
        await store.TryCommitAsync(Build.Insert(request) with { Audit = Build.Audit(request.Id, "request.submitted", odd) });

        var record = (await ReadAllAsync()).Single();

        Assert.That(record.At, Is.EqualTo(odd));
        Assert.That(AuditChain.Verify([record]), Is.Null);
    }

    [Test]
    public async Task Reading_one_request_returns_only_its_events_in_order()
    {
        await CommitManyAsync();

        var records = await ReadAllAsync("ar-00000003");

        Assert.That(records.Select(r => r.Kind), Is.EqualTo(new[] { "request.submitted", "request.approved", "request.active", "request.expired" }));
        Assert.That(records.Select(r => r.Sequence), Is.Ordered.Ascending);
        Assert.That(records.Select(r => r.RequestId).Distinct(), Is.EqualTo(new[] { "ar-00000003" }));
    }

    [Test]
    public async Task Editing_a_rows_data_with_raw_sql_is_reported_at_that_sequence()
    {
        await CommitManyAsync();
        await ExecuteAsync("UPDATE audit_log SET data = '{\"step\":\"forged\"}' WHERE seq = 17;");

        var broken = AuditChain.Verify(await ReadAllAsync());

        Assert.That(broken, Is.Not.Null);
        Assert.That(broken!.Sequence, Is.EqualTo(17));
        Assert.That(broken.Message, Does.Contain("changed"));
    }

    [Test]
    public async Task Rehashing_an_edited_row_is_still_caught_by_the_next_link()
    {
        await CommitManyAsync();
        var row = (await ReadAllAsync()).Single(r => r.Sequence == 17);
        var forged = AuditChain.Link(17, new AuditEntry(row.RequestId, row.Kind, "mallory@example.com", row.At, row.Data), row.PreviousHash);
        await ExecuteAsync("UPDATE audit_log SET actor = @Actor, hash = @Hash WHERE seq = 17;", new { forged.Actor, forged.Hash });

        var broken = AuditChain.Verify(await ReadAllAsync());

        Assert.That(broken!.Sequence, Is.EqualTo(18));
        Assert.That(broken.Message, Does.Contain("does not link"));
    }

    [Test]
    public async Task Deleting_a_row_is_reported_as_the_missing_sequence()
    {
        await CommitManyAsync();
        await ExecuteAsync("DELETE FROM audit_log WHERE seq = 23;");

        var broken = AuditChain.Verify(await ReadAllAsync());

        Assert.That(broken!.Sequence, Is.EqualTo(23));
        Assert.That(broken.Message, Does.Contain("missing"));
    }
}
