using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Serialization;
using System.Data.Common;

namespace ChatOpsJit.Storage.Tests.Stores;

[TestFixture(StorageOptions.Sqlite)]
[TestFixture(StorageOptions.Postgres)]
public sealed class AccessRequestStoreTests(string provider) : StoreTestBase(provider)
{
    private IAccessRequestStore store = null!;

    [SetUp]
    public void CreateStore() => store = NewRequestStore();

    [Test]
    public async Task An_inserted_request_reads_back_exactly_with_its_audit_outbox_and_jobs()
    {
        var request = Build.Request("ar-00000001", T0);
        var committed = await store.TryCommitAsync(Build.Insert(request, [Build.Message(request.Id, "k1")], [Build.Job(request.Id, JobKind.TimeOut, T0.AddDays(7))]));

        var found = await store.FindAsync(request.Id);

        Assert.That(committed, Is.True);
        Assert.That(CoreJson.Serialize(found), Is.EqualTo(CoreJson.Serialize(request)));
        Assert.That(await ScalarAsync<long>("SELECT version FROM access_requests WHERE id = 'ar-00000001';"), Is.EqualTo(1));
        Assert.That(await CountAsync("audit_log"), Is.EqualTo(1));
        Assert.That(await CountAsync("outbox"), Is.EqualTo(1));
        Assert.That(await CountAsync("jobs"), Is.EqualTo(1));
    }

    [Test]
    public async Task Finding_an_unknown_id_returns_null()
    {
        Assert.That(await store.FindAsync("ar-ffffffff"), Is.Null);
    }

    [Test]
    public async Task Inserting_an_existing_id_returns_false_and_changes_nothing()
    {
        var original = Build.Request("ar-00000001", T0);
        await store.TryCommitAsync(Build.Insert(original));
        var impostor = Build.Request("ar-00000001", T0.AddMinutes(1), requester: "mallory@example.com");

        var committed = await store.TryCommitAsync(Build.Insert(impostor, [Build.Message(impostor.Id, "k2")], [Build.Job(impostor.Id, JobKind.TimeOut, T0)]));

        Assert.That(committed, Is.False);
        Assert.That((await store.FindAsync("ar-00000001"))!.RequesterEmail, Is.EqualTo("ann@example.com"));
        Assert.That(await CountAsync("audit_log"), Is.EqualTo(1));
        Assert.That(await CountAsync("outbox"), Is.Zero);
        Assert.That(await CountAsync("jobs"), Is.Zero);
    }

    [Test]
    public async Task A_commit_with_a_stale_version_returns_false_and_writes_nothing()
    {
        var v1 = Build.Request("ar-00000001", T0);
        await store.TryCommitAsync(Build.Insert(v1, jobs: [Build.Job(v1.Id, JobKind.TimeOut, T0.AddDays(7))]));
        await store.TryCommitAsync(Build.Next(v1, AccessRequestState.Cancelled, T0.AddMinutes(1)));

        // Built from v1 although the store is at v2 now.
        var stale = Build.Next(v1, AccessRequestState.Approved, T0.AddMinutes(2),
            notifications: [Build.Message(v1.Id, "stale")], jobs: [Build.Job(v1.Id, JobKind.Grant, T0)], cancel: [JobKind.TimeOut]);
        var committed = await store.TryCommitAsync(stale);

        Assert.That(committed, Is.False);
        var stored = await store.FindAsync(v1.Id);
        Assert.That(stored!.State, Is.EqualTo(AccessRequestState.Cancelled));
        Assert.That(stored.Version, Is.EqualTo(2));
        Assert.That(await CountAsync("audit_log"), Is.EqualTo(2), "no audit row for the stale commit");
        Assert.That(await CountAsync("outbox"), Is.Zero, "no outbox row for the stale commit");
        Assert.That(await QueryAsync<string>("SELECT kind FROM jobs;"), Is.EqualTo(new[] { "TimeOut" }), "no job added, none cancelled");
    }

    [Test]
    public async Task Updating_a_request_that_was_never_inserted_returns_false()
    {
        var ghost = Build.Request("ar-00000009", T0);

        Assert.That(await store.TryCommitAsync(Build.Next(ghost, AccessRequestState.Approved, T0)), Is.False);
        Assert.That(await CountAsync("audit_log"), Is.Zero);
    }

    [TestCase(0, 0)]
    [TestCase(0, 2)]
    [TestCase(3, 3)]
    [TestCase(3, 5)]
    [TestCase(-1, 0)]
    public async Task A_transition_whose_request_version_is_not_expected_plus_one_is_rejected(long expected, long version)
    {
        var request = Build.Request("ar-00000001", T0) with { Version = version };
        var transition = new Transition(request, expected, Build.Audit(request.Id, "request.submitted", T0), [], [], []);

        var error = Assert.ThrowsAsync<ArgumentException>(() => store.TryCommitAsync(transition));

        Assert.That(error!.Message, Does.Contain("ar-00000001"));
        Assert.That(await CountAsync("access_requests"), Is.Zero);
    }

    [Test]
    public async Task A_failure_part_way_through_rolls_back_the_whole_transition()
    {
        var v1 = Build.Request("ar-00000001", T0);
        await store.TryCommitAsync(Build.Insert(v1, jobs: [Build.Job(v1.Id, JobKind.TimeOut, T0.AddDays(7))]));

        // The request row, audit row and job changes are written before the duplicate idempotency key fails.
        var broken = Build.Next(v1, AccessRequestState.Approved, T0.AddMinutes(1),
            notifications: [Build.Message(v1.Id, "same"), Build.Message(v1.Id, "same")],
            jobs: [Build.Job(v1.Id, JobKind.Grant, T0)], cancel: [JobKind.TimeOut]);

        Assert.ThrowsAsync(Is.InstanceOf<DbException>(), () => store.TryCommitAsync(broken));

        Assert.That((await store.FindAsync(v1.Id))!.Version, Is.EqualTo(1));
        Assert.That(await CountAsync("audit_log"), Is.EqualTo(1));
        Assert.That(await CountAsync("outbox"), Is.Zero);
        Assert.That(await QueryAsync<string>("SELECT kind FROM jobs;"), Is.EqualTo(new[] { "TimeOut" }));
        Assert.That(await store.TryCommitAsync(Build.Next(v1, AccessRequestState.Approved, T0.AddMinutes(2))), Is.True, "the failed attempt left no lock or half state");
    }

    [Test]
    public async Task Fifty_concurrent_commits_from_the_same_version_let_exactly_one_win()
    {
        var v1 = Build.Request("ar-00000001", T0);
        await store.TryCommitAsync(Build.Insert(v1));

        var results = await RaceAsync(50, i => NewRequestStore().TryCommitAsync(Build.Next(
            v1, AccessRequestState.Approved, T0.AddMinutes(1), data: $"{{\"contender\":{i}}}",
            notifications: [Build.Message(v1.Id, $"contender-{i}-a"), Build.Message(v1.Id, $"contender-{i}-b")])));

        Assert.That(results.Count(r => r), Is.EqualTo(1));
        var winner = Array.IndexOf(results, true);
        Assert.That(await QueryAsync<string>("SELECT data FROM audit_log WHERE seq > 1;"), Is.EqualTo(new[] { $"{{\"contender\":{winner}}}" }));
        Assert.That(await QueryAsync<string>("SELECT idempotency_key FROM outbox ORDER BY id;"), Is.EqualTo(new[] { $"contender-{winner}-a", $"contender-{winner}-b" }));
        Assert.That((await store.FindAsync(v1.Id))!.Version, Is.EqualTo(2));
    }

    [Test]
    public async Task Listing_is_newest_first_and_honours_every_filter_and_the_limit()
    {
        await store.TryCommitAsync(Build.Insert(Build.Request("ar-00000001", T0, requester: "ann@example.com", node: "i-a")));
        await store.TryCommitAsync(Build.Insert(Build.Request("ar-00000002", T0.AddMinutes(2), requester: "bob@example.com", node: "i-a")));
        await store.TryCommitAsync(Build.Insert(Build.Request("ar-00000003", T0.AddMinutes(1), requester: "ann@example.com", node: "i-b")));
        var four = Build.Request("ar-00000004", T0.AddMinutes(3), requester: "ann@example.com", node: "i-c");
        await store.TryCommitAsync(Build.Insert(four));
        await store.TryCommitAsync(Build.Next(four, AccessRequestState.Rejected, T0.AddMinutes(4)));

        async Task<string[]> Ids(RequestQuery query) => (await store.ListAsync(query)).Select(r => r.Id).ToArray();

        Assert.That(await Ids(new RequestQuery()), Is.EqualTo(new[] { "ar-00000004", "ar-00000002", "ar-00000003", "ar-00000001" }));
        Assert.That(await Ids(new RequestQuery(State: AccessRequestState.Pending)), Is.EqualTo(new[] { "ar-00000002", "ar-00000003", "ar-00000001" }));
        Assert.That(await Ids(new RequestQuery(RequesterEmail: "ANN@example.com")), Is.EqualTo(new[] { "ar-00000004", "ar-00000003", "ar-00000001" }));
        Assert.That(await Ids(new RequestQuery(NodeId: "i-a", State: AccessRequestState.Pending)), Is.EqualTo(new[] { "ar-00000002", "ar-00000001" }));
        Assert.That(await Ids(new RequestQuery(Limit: 2)), Is.EqualTo(new[] { "ar-00000004", "ar-00000002" }));
        Assert.That((await store.ListAsync(new RequestQuery(State: AccessRequestState.Rejected))).Single().Version, Is.EqualTo(2));
    }

    [Test]
    public void Listing_with_a_limit_below_one_is_refused()
    {
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAsync(new RequestQuery(Limit: 0)));
    }

    [Test]
    public async Task A_second_open_request_for_the_same_person_and_node_is_refused_until_the_first_ends()
    {
        var first = Build.Request("ar-00000001", T0, requester: "ann@example.com", node: "i-a");
        Assert.That(await store.TryCommitAsync(Build.Insert(first)), Is.True);

        var twin = Build.Request("ar-00000002", T0.AddSeconds(1), requester: "ANN@example.com", node: "i-a");
        Assert.That(await store.TryCommitAsync(Build.Insert(twin)), Is.False, "one open request per person and node");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE request_id = 'ar-00000002'"), Is.Zero, "the refused insert wrote nothing");
        Assert.That(await store.TryCommitAsync(Build.Insert(Build.Request("ar-00000003", T0, requester: "bob@example.com", node: "i-a"))), Is.True, "another person may");

        await store.TryCommitAsync(Build.Next(first, AccessRequestState.Cancelled, T0.AddMinutes(1)));
        Assert.That(await store.TryCommitAsync(Build.Insert(twin)), Is.True, "a final state frees the slot");
    }
}
