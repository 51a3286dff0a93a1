using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Storage.Tests.Stores;

[TestFixture(StorageOptions.Sqlite)]
[TestFixture(StorageOptions.Postgres)]
public sealed class JobStoreTests(string provider) : StoreTestBase(provider)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private IAccessRequestStore requests = null!;
    private IJobStore jobs = null!;

    [SetUp]
    public void CreateStores()
    {
        requests = NewRequestStore();
        jobs = NewJobStore();
    }

    private async Task<AccessRequest> SubmitAsync(string id, params DueJob[] due)
    {
        var request = Build.Request(id, T0);
        Assert.That(await requests.TryCommitAsync(Build.Insert(request, jobs: due)), Is.True);
        return request;
    }

    private Task<List<string>> RemainingAsync() =>
        QueryAsync<string>("SELECT request_id || ':' || kind FROM jobs ORDER BY request_id, kind;");

    [Test]
    public async Task Claiming_returns_due_jobs_earliest_first_and_leaves_later_ones()
    {
        await SubmitAsync("ar-00000001",
            Build.Job("ar-00000001", JobKind.Expire, T0.AddMinutes(3)),
            Build.Job("ar-00000001", JobKind.Grant, T0.AddMinutes(1)),
            Build.Job("ar-00000001", JobKind.TimeOut, T0.AddDays(7)));

        var claimed = await jobs.ClaimDueAsync(T0.AddMinutes(5), 10, Lease);

        Assert.That(claimed.Select(j => j.Kind), Is.EqualTo(new[] { JobKind.Grant, JobKind.Expire }));
        Assert.That(claimed.Select(j => j.DueAt), Is.EqualTo(new[] { T0.AddMinutes(1), T0.AddMinutes(3) }));
        Assert.That(claimed.Select(j => j.Attempts), Is.All.EqualTo(1));
        Assert.That(claimed.Select(j => j.RequestId), Is.All.EqualTo("ar-00000001"));
    }

    [Test]
    public async Task Concurrent_claimers_never_get_the_same_job()
    {
        for (var r = 0; r < 40; r++)
        {
            var id = $"ar-{r:x8}";
            await SubmitAsync(id, Build.Job(id, JobKind.TimeOut, T0.AddSeconds(r)));
        }

        var perClaimer = await RaceAsync(4, async _ =>
        {
            var mine = new List<long>();
            while (await jobs.ClaimDueAsync(T0.AddMinutes(1), 3, Lease) is { Count: > 0 } batch)
            {
                mine.AddRange(batch.Select(j => j.Id));
            }

            return mine;
        });

        var all = perClaimer.SelectMany(ids => ids).ToList();
        Assert.That(all, Is.Unique);
        Assert.That(all, Has.Count.EqualTo(40));
    }

    [Test]
    public async Task A_leased_job_comes_back_after_the_lease_expires()
    {
        await SubmitAsync("ar-00000001", Build.Job("ar-00000001", JobKind.Grant, T0));
        var claimed = (await jobs.ClaimDueAsync(T0, 10, Lease)).Single();

        Assert.That(await jobs.ClaimDueAsync(T0 + Lease - TimeSpan.FromSeconds(1), 10, Lease), Is.Empty);
        var again = (await jobs.ClaimDueAsync(T0 + Lease, 10, Lease)).Single();
        Assert.That(again.Id, Is.EqualTo(claimed.Id));
        Assert.That(again.Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task A_completed_job_is_gone()
    {
        await SubmitAsync("ar-00000001", Build.Job("ar-00000001", JobKind.Grant, T0));
        var claimed = (await jobs.ClaimDueAsync(T0, 10, Lease)).Single();

        await jobs.CompleteAsync(claimed);

        Assert.That(await jobs.ClaimDueAsync(T0.AddDays(1), 10, Lease), Is.Empty);
        Assert.That(await jobs.NextDueAsync(), Is.Null);
        Assert.That(await CountAsync("jobs"), Is.Zero);
    }

    [Test]
    public async Task A_retried_job_is_due_again_at_the_retry_time_with_its_error_kept()
    {
        await SubmitAsync("ar-00000001", Build.Job("ar-00000001", JobKind.Grant, T0));
        var claimed = (await jobs.ClaimDueAsync(T0, 10, Lease)).Single();

        await jobs.RetryAsync(claimed, T0.AddSeconds(20), "ssm throttled");

        Assert.That(await jobs.NextDueAsync(), Is.EqualTo(T0.AddSeconds(20)), "the lease is cleared, so the retry time is what counts");
        Assert.That(await jobs.ClaimDueAsync(T0.AddSeconds(19), 10, Lease), Is.Empty);
        var retried = (await jobs.ClaimDueAsync(T0.AddSeconds(20), 10, Lease)).Single();
        Assert.That(retried.Attempts, Is.EqualTo(2));
        Assert.That(await ScalarAsync<string>("SELECT last_error FROM jobs;"), Is.EqualTo("ssm throttled"));
    }

    [Test]
    public async Task Next_due_is_the_earliest_time_a_job_can_be_claimed()
    {
        Assert.That(await jobs.NextDueAsync(), Is.Null);
        await SubmitAsync("ar-00000001",
            Build.Job("ar-00000001", JobKind.Grant, T0),
            Build.Job("ar-00000001", JobKind.Expire, T0.AddMinutes(10)));

        Assert.That(await jobs.NextDueAsync(), Is.EqualTo(T0));

        // Once the grant job is leased it cannot be claimed before the lease ends.
        await jobs.ClaimDueAsync(T0, 1, Lease);
        Assert.That(await jobs.NextDueAsync(), Is.EqualTo(T0 + Lease));
    }

    [Test]
    public async Task Cancel_jobs_removes_only_the_named_kinds_of_that_request_claimed_or_not()
    {
        var a = await SubmitAsync("ar-0000000a",
            Build.Job("ar-0000000a", JobKind.TimeOut, T0),
            Build.Job("ar-0000000a", JobKind.EndSessions, T0.AddDays(1)),
            Build.Job("ar-0000000a", JobKind.Grant, T0.AddDays(2)));
        await SubmitAsync("ar-0000000b", Build.Job("ar-0000000b", JobKind.TimeOut, T0));
        var claimedTimeOut = await jobs.ClaimDueAsync(T0, 1, Lease);
        Assert.That(claimedTimeOut.Single().RequestId, Is.EqualTo("ar-0000000a"), "the time-out being cancelled is already claimed");

        Assert.That(await requests.TryCommitAsync(Build.Next(a, AccessRequestState.Approved, T0.AddMinutes(1), cancel: [JobKind.TimeOut, JobKind.EndSessions])), Is.True);

        Assert.That(await RemainingAsync(), Is.EqualTo(new[] { "ar-0000000a:Grant", "ar-0000000b:TimeOut" }));
    }

    [Test]
    public async Task A_transition_may_cancel_a_job_and_schedule_a_new_one_of_the_same_kind()
    {
        var a = await SubmitAsync("ar-0000000a", Build.Job("ar-0000000a", JobKind.Expire, T0.AddHours(1)));

        await requests.TryCommitAsync(Build.Next(a, AccessRequestState.Active, T0.AddMinutes(50),
            jobs: [Build.Job("ar-0000000a", JobKind.Expire, T0.AddHours(2))], cancel: [JobKind.Expire]));

        Assert.That(await RemainingAsync(), Is.EqualTo(new[] { "ar-0000000a:Expire" }));
        Assert.That(await jobs.NextDueAsync(), Is.EqualTo(T0.AddHours(2)));
    }

    [Test]
    public async Task A_worker_whose_lease_ran_out_cannot_complete_or_retry_a_job_another_worker_claimed()
    {
        await SubmitAsync("ar-00000001", Build.Job("ar-00000001", JobKind.Grant, T0));
        var slow = (await jobs.ClaimDueAsync(T0, 10, Lease)).Single();
        var current = (await jobs.ClaimDueAsync(T0 + Lease, 10, Lease)).Single();

        Assert.That(await jobs.CompleteAsync(slow), Is.False, "the stale claim is refused");
        Assert.That(await jobs.RetryAsync(slow, T0.AddDays(1), "late"), Is.False);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM jobs WHERE due_at = @Due", new { Due = DbTime(T0) }), Is.EqualTo(1), "the job is untouched");
        Assert.That(await jobs.CompleteAsync(current), Is.True, "the current claimer completes it");
        Assert.That(await CountAsync("jobs"), Is.Zero);
    }

    [Test]
    public async Task A_job_its_own_transition_cancelled_completes_without_a_lost_lease()
    {
        // An expiry job's transition cancels the request's expiry jobs, the running one included.
        var a = await SubmitAsync("ar-0000000a", Build.Job("ar-0000000a", JobKind.Expire, T0), Build.Job("ar-0000000a", JobKind.Remind, T0.AddHours(1)));
        var running = (await jobs.ClaimDueAsync(T0, 10, Lease)).Single();
        Assert.That(await requests.TryCommitAsync(Build.Next(a, AccessRequestState.Expired, T0, cancel: [JobKind.Expire])), Is.True);

        Assert.That(await jobs.CompleteAsync(running), Is.True, "nothing is left to complete and nobody else holds it");
        Assert.That(await RemainingAsync(), Is.EqualTo(new[] { "ar-0000000a:Remind" }), "the other job is untouched");
    }

    [Test]
    public async Task Due_counts_the_jobs_due_at_a_time_claimed_or_not()
    {
        await SubmitAsync("ar-00000001",
            Build.Job("ar-00000001", JobKind.Grant, T0), Build.Job("ar-00000001", JobKind.Expire, T0.AddMinutes(1)), Build.Job("ar-00000001", JobKind.TimeOut, T0.AddDays(7)));
        await jobs.ClaimDueAsync(T0, 1, Lease);

        Assert.That(await ((IJobBacklog)jobs).CountDueAsync(T0), Is.EqualTo(1), "the claimed job is still waiting to finish");
        Assert.That(await ((IJobBacklog)jobs).CountDueAsync(T0.AddMinutes(1)), Is.EqualTo(2));
        Assert.That(await ((IJobBacklog)jobs).CountDueAsync(T0.AddMinutes(-1)), Is.Zero);
    }
}
