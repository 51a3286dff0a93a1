using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Serialization;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Storage.Tests.Stores;

[TestFixture(StorageOptions.Sqlite)]
[TestFixture(StorageOptions.Postgres)]
public sealed class AuditChainTests(string provider) : StoreTestBase(provider)
{
    private IAccessRequestStore store = null!;
    private IAuditLogTail log = null!;

    [SetUp]
    public void CreateStores()
    {
        store = NewRequestStore();
        log = NewAuditLog();
    }

    /// <summary>10 requests submitted at once, then each moved through 3 more states, the requests in parallel.</summary>
    private async Task<AccessRequest[]> CommitManyAsync(IAccessRequestStore? through = null)
    {
        var writer = through ?? store;
        var submitted = await RaceAsync(10, async i =>
        {
            var request = Build.Request($"ar-{i:x8}", T0.AddSeconds(i));
            Assert.That(await writer.TryCommitAsync(Build.Insert(request)), Is.True);
            return request;
        });

        return await RaceAsync(10, async i =>
        {
            var current = submitted[i];
            foreach (var state in new[] { AccessRequestState.Approved, AccessRequestState.Active, AccessRequestState.Expired })
            {
                var transition = Build.Next(current, state, T0.AddMinutes(1).AddTicks(i * 1234567), data: $"{{\"step\":\"{state}\"}}");
                Assert.That(await writer.TryCommitAsync(transition), Is.True);
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
    public async Task After_many_commits_some_concurrent_the_chain_verifies_in_sequence_order_with_the_stores_key()
    {
        await CommitManyAsync();

        var records = await ReadAllAsync();

        Assert.That(records.Select(r => r.Sequence), Is.EqualTo(Enumerable.Range(1, 40).Select(i => (long)i)));
        Assert.That(records.Select(r => r.KeyId), Is.All.EqualTo(AuditKeys.Current.Id));
        Assert.That(AuditChain.Verify(records, AuditKeys.All), Is.Null);
        Assert.That(AuditChain.Verify(records, [AuditKey.Generate()])?.Sequence, Is.EqualTo(1), "another key does not verify it");
    }

    [Test]
    public async Task Times_with_sub_millisecond_ticks_and_offsets_still_verify_after_reading_back()
    {
        var request = Build.Request("ar-00000001", T0);
        var odd = new DateTimeOffset(2025, 3, 1, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);
        await store.TryCommitAsync(Build.Insert(request) with { Audit = Build.Audit(request.Id, "request.submitted", odd) });

        var record = (await ReadAllAsync()).Single();

        Assert.That(record.At, Is.EqualTo(odd));
        Assert.That(AuditChain.Verify([record], AuditKeys.All), Is.Null);
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
    public async Task Every_record_carries_the_request_as_its_transition_left_it_even_when_the_caller_attached_none()
    {
        var finals = await CommitManyAsync();

        var last = (await ReadAllAsync("ar-00000003"))[^1];
        var snapshot = CoreJson.Deserialize<AuditedRequest>(last.Request!);
        var row = await ScalarAsync<string>("SELECT json FROM access_requests WHERE id = 'ar-00000003';");

        Assert.That(snapshot.State, Is.EqualTo(AccessRequestState.Expired));
        Assert.That(snapshot.Version, Is.EqualTo(4));
        Assert.That(snapshot.Digest, Is.EqualTo(AuditedRequest.DigestOf(row)));
        Assert.That(snapshot, Is.EqualTo(AuditedRequest.Of(finals[3])));
    }

    [Test]
    public async Task A_snapshot_of_another_version_than_the_one_written_is_refused_and_nothing_is_written()
    {
        var request = Build.Request("ar-00000001", T0);
        var insert = Build.Insert(request);
        var wrong = insert with { Audit = insert.Audit with { Request = AuditedRequest.Of(request with { State = AccessRequestState.Active }) } };

        Assert.ThrowsAsync<ArgumentException>(() => store.TryCommitAsync(wrong));
        Assert.That(await CountAsync("access_requests"), Is.Zero);
        Assert.That(await CountAsync("audit_log"), Is.Zero);
    }

    [Test]
    public void A_store_opened_for_reading_only_cannot_commit()
    {
        var readOnly = NewReadOnlyRequestStore();

        var e = Assert.ThrowsAsync<InvalidOperationException>(() => readOnly.TryCommitAsync(Build.Insert(Build.Request("ar-00000001", T0))));
        Assert.That(e!.Message, Does.Contain("reading only"));
    }

    [Test]
    public async Task Editing_a_rows_data_with_raw_sql_is_reported_at_that_sequence()
    {
        await CommitManyAsync();
        await ExecuteAsync("UPDATE audit_log SET data = '{\"step\":\"forged\"}' WHERE seq = 17;");

        var broken = AuditChain.Verify(await ReadAllAsync(), AuditKeys.All);

        Assert.That(broken!.Sequence, Is.EqualTo(17));
        Assert.That(broken.Message, Does.Contain("was changed after it was written"));
    }

    [Test]
    public async Task Resealing_an_edited_row_without_the_key_is_reported_at_that_row_whether_with_a_guessed_key_or_the_old_sha256()
    {
        await CommitManyAsync();
        var row = (await ReadAllAsync()).Single(r => r.Sequence == 17);
        var edited = row with { Actor = "mallory@example.com" };
        var guessed = AuditChain.Mac(AuditKey.Generate(), edited);
        var legacy = AuditChain.LegacyHash(17, new AuditEntry(row.RequestId, row.Kind, edited.Actor, row.At, row.Data), row.PreviousMac);

        foreach (var mac in new[] { guessed, legacy })
        {
            await ExecuteAsync("UPDATE audit_log SET actor = @Actor, hash = @Mac WHERE seq = 17;", new { edited.Actor, Mac = mac });

            var broken = AuditChain.Verify(await ReadAllAsync(), AuditKeys.All);

            Assert.That(broken!.Sequence, Is.EqualTo(17));
            Assert.That(broken.Message, Does.Contain("was changed after it was written"));
        }
    }

    [Test]
    public async Task Deleting_a_row_is_reported_as_the_missing_sequence()
    {
        await CommitManyAsync();
        await ExecuteAsync("DELETE FROM audit_log WHERE seq = 23;");

        var broken = AuditChain.Verify(await ReadAllAsync(), AuditKeys.All);

        Assert.That(broken, Is.EqualTo(new AuditBreak(23, "record 23 is missing (the next record found is 24)")));
    }

    [Test]
    public async Task A_new_current_key_opens_a_new_epoch_with_a_rotation_record_sealed_with_the_new_key()
    {
        var first = AuditKeys.Current;
        await CommitManyAsync();
        var second = AuditKey.Generate();
        var third = AuditKey.Generate();
        var request = Build.Request("ar-000000aa", T0.AddHours(1));

        await NewRequestStore(new AuditKeyRing(second, [first])).TryCommitAsync(Build.Insert(request));
        await NewRequestStore(new AuditKeyRing(second, [first])).TryCommitAsync(Build.Next(request, AccessRequestState.Approved, T0.AddHours(2)));
        await NewRequestStore(AuditKeyRing.Of([first, second, third])).TryCommitAsync(Build.Next(request with { Version = 2, State = AccessRequestState.Approved }, AccessRequestState.Active, T0.AddHours(3)));
        var records = await ReadAllAsync();

        Assert.Multiple(() =>
        {
            Assert.That(records[40].Kind, Is.EqualTo(AuditKinds.KeyRotated));
            Assert.That(records[40].RequestId, Is.Empty);
            Assert.That(records[40].Actor, Is.EqualTo("system"));
            Assert.That(records[40].KeyId, Is.EqualTo(second.Id));
            Assert.That(records[40].Data, Is.EqualTo($$"""{"from":"{{first.Id}}","to":"{{second.Id}}","epoch":2}"""));
            Assert.That(records[40].Request, Is.Null);
            Assert.That(records.Skip(41).Select(r => r.Kind), Is.EqualTo(new[] { "request.submitted", "request.approved", AuditKinds.KeyRotated, "request.active" }));
            Assert.That(records[43].Data, Is.EqualTo($$"""{"from":"{{second.Id}}","to":"{{third.Id}}","epoch":3}"""));
        });
        var verifier = new AuditVerifier([first, second, third]);
        Assert.That(records.Select(verifier.Add).ToList()[^1], Is.Null);
        Assert.That(verifier.Epochs.Select(e => (e.Number, e.KeyId, e.First, e.Last)), Is.EqualTo(new[]
        {
            (1, first.Id, 1L, 40L), (2, second.Id, 41L, 43L), (3, third.Id, 44L, 45L),
        }));
        Assert.That(AuditChain.Verify(records, [second, third]), Is.EqualTo(new AuditBreak(1,
            $"record 1 is sealed with key {first.Id}, which is not among the keys given (wrong key? pass --key-file)")));
    }

    [Test]
    public async Task The_head_a_record_by_number_and_the_records_after_a_number_or_since_a_time_are_read_back()
    {
        Assert.That(await log.ReadHeadAsync(), Is.Null);
        await CommitManyAsync();

        var all = await ReadAllAsync();
        var after = new List<AuditRecord>();
        await foreach (var record in log.ReadAfterAsync(35))
        {
            after.Add(record);
        }

        var since = new List<AuditRecord>();
        await foreach (var record in log.ReadAfterAsync(0, T0.AddMinutes(1)))
        {
            since.Add(record);
        }

        Assert.That(await log.ReadHeadAsync(), Is.EqualTo(all[^1]));
        Assert.That(await log.FindAsync(17), Is.EqualTo(all[16]));
        Assert.That(await log.FindAsync(99), Is.Null);
        Assert.That(after.Select(r => r.Sequence), Is.EqualTo(new long[] { 36, 37, 38, 39, 40 }));
        Assert.That(since.Select(r => r.Kind), Has.None.EqualTo("request.submitted"), "the submissions were before the minute");
        Assert.That(since, Has.Count.EqualTo(30));
    }
}
