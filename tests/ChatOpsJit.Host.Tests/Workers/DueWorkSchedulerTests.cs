using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Workflow;
using ChatOpsJit.Host.Workers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace ChatOpsJit.Host.Tests.Workers;

/// <summary>The scheduler with a mocked job store and a real runner over mocked ports (its only collaborator that decides).</summary>
public sealed class DueWorkSchedulerTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly WorkerOptions settings = new() { FirstRetryDelay = TimeSpan.FromSeconds(2), BatchSize = 9, Lease = TimeSpan.FromMinutes(1) };
    private FakeTimeProvider time = null!;
    private Mock<IJobStore> jobs = null!;
    private Mock<IAccessRequestStore> requests = null!;
    private DueWorkScheduler scheduler = null!;

    [TearDown]
    public void DisposeScheduler() => scheduler.Dispose();

    [SetUp]
    public void Create()
    {
        time = new FakeTimeProvider(Now);
        jobs = new Mock<IJobStore>();
        requests = new Mock<IAccessRequestStore>();
        var signal = new WorkSignal();
        var grantor = Mock.Of<IAccessGrantor>(MockBehavior.Strict);
        var workflow = new AccessWorkflow(requests.Object, Mock.Of<INodeInventory>(), Mock.Of<IIdentityDirectory>(), Mock.Of<IAccessPolicy>(), grantor, [], [],
            new AccessOptions(), signal, time, NullLogger<AccessWorkflow>.Instance);
        var runner = new AccessJobRunner(workflow, grantor, new AccessOptions(), NullLogger<AccessJobRunner>.Instance);
        scheduler = new DueWorkScheduler(jobs.Object, runner, signal, Options.Create(settings), TestSupport.Metrics(), time, NullLogger<DueWorkScheduler>.Instance);
    }

    private void Claims(params DueJob[] batch) =>
        jobs.Setup(j => j.ClaimDueAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync(batch);

    [Test]
    public async Task Claims_with_the_current_time_batch_size_and_lease()
    {
        Claims();

        Assert.That(await scheduler.RunOnceAsync(CancellationToken.None), Is.Zero);
        jobs.Verify(j => j.ClaimDueAsync(Now, 9, TimeSpan.FromMinutes(1), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task A_finished_job_is_completed()
    {
        // A grant job whose request no longer exists is finished without granting anything.
        requests.Setup(r => r.FindAsync("ar-1", It.IsAny<CancellationToken>())).ReturnsAsync((AccessRequest?)null);
        Claims(new DueJob("ar-1", JobKind.Grant, Now) { Id = 11, Attempts = 1 });

        var claimed = await scheduler.RunOnceAsync(CancellationToken.None);

        Assert.That(claimed, Is.EqualTo(1));
        jobs.Verify(j => j.CompleteAsync(It.Is<DueJob>(j => j.Id == 11), It.IsAny<CancellationToken>()), Times.Once);
        jobs.Verify(j => j.RetryAsync(It.IsAny<DueJob>(), It.IsAny<DateTimeOffset>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase(1, 2)]
    [TestCase(2, 4)]
    [TestCase(4, 16)]
    public async Task A_runner_exception_retries_the_job_with_jittered_exponential_delay_and_the_error(int attempts, int ceilingSeconds)
    {
        requests.Setup(r => r.FindAsync("ar-2", It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("database is locked"));
        Claims(new DueJob("ar-2", JobKind.Grant, Now) { Id = 12, Attempts = attempts });

        await scheduler.RunOnceAsync(CancellationToken.None);

        // The shared formula: between half the first delay (1 s) and 2 s * 2^(attempt - 1).
        jobs.Verify(j => j.RetryAsync(It.Is<DueJob>(j => j.Id == 12),
            It.IsInRange(Now + TimeSpan.FromSeconds(1), Now + TimeSpan.FromSeconds(ceilingSeconds), Moq.Range.Inclusive), "database is locked", It.IsAny<CancellationToken>()), Times.Once);
        jobs.Verify(j => j.CompleteAsync(It.IsAny<DueJob>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_job_whose_transition_deleted_its_row_is_not_completed_with_a_second_write()
    {
        // An expiry due now: the committed change cancels the request's expiry jobs, this one among them.
        var active = new AccessRequest
        {
            Id = "ar-6", Version = 3, State = AccessRequestState.Active, RequesterEmail = "dev@example.com", RequesterName = "Dev",
            OriginPlatform = PlatformName.Console, NodeId = "i-1", NodeName = "web-1", Reason = "disk full", Duration = TimeSpan.FromHours(1),
            CreatedAt = Now - TimeSpan.FromHours(1), ActivatedAt = Now - TimeSpan.FromHours(1), ExpiresAt = Now,
        };
        Transition? committed = null;
        requests.Setup(r => r.FindAsync("ar-6", It.IsAny<CancellationToken>())).ReturnsAsync(active);
        requests.Setup(r => r.TryCommitAsync(It.IsAny<Transition>(), It.IsAny<CancellationToken>())).Callback<Transition, CancellationToken>((t, _) => committed = t).ReturnsAsync(true);
        Claims(new DueJob("ar-6", JobKind.Expire, Now) { Id = 61, Attempts = 1 });

        await scheduler.RunOnceAsync(CancellationToken.None);

        Assert.That(committed?.Request.State, Is.EqualTo(AccessRequestState.Expired));
        Assert.That(committed!.CancelJobs, Does.Contain(JobKind.Expire), "the transition itself drops the job's row");
        jobs.Verify(j => j.CompleteAsync(It.IsAny<DueJob>(), It.IsAny<CancellationToken>()), Times.Never);
        jobs.Verify(j => j.RetryAsync(It.IsAny<DueJob>(), It.IsAny<DateTimeOffset>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task A_job_that_finds_nothing_due_is_still_completed()
    {
        var active = new AccessRequest
        {
            Id = "ar-7", Version = 3, State = AccessRequestState.Active, RequesterEmail = "dev@example.com", RequesterName = "Dev",
            OriginPlatform = PlatformName.Console, NodeId = "i-1", NodeName = "web-1", Reason = "disk full", Duration = TimeSpan.FromHours(1),
            CreatedAt = Now, ActivatedAt = Now, ExpiresAt = Now + TimeSpan.FromHours(1),
        };
        requests.Setup(r => r.FindAsync("ar-7", It.IsAny<CancellationToken>())).ReturnsAsync(active);
        Claims(new DueJob("ar-7", JobKind.Expire, Now) { Id = 71, Attempts = 1 });

        await scheduler.RunOnceAsync(CancellationToken.None);

        requests.Verify(r => r.TryCommitAsync(It.IsAny<Transition>(), It.IsAny<CancellationToken>()), Times.Never);
        jobs.Verify(j => j.CompleteAsync(It.Is<DueJob>(j => j.Id == 71), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task A_failing_job_does_not_stop_the_rest_of_the_batch()
    {
        requests.Setup(r => r.FindAsync("ar-bad", It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("boom"));
        requests.Setup(r => r.FindAsync("ar-gone", It.IsAny<CancellationToken>())).ReturnsAsync((AccessRequest?)null);
        Claims(new DueJob("ar-bad", JobKind.Grant, Now) { Id = 21 }, new DueJob("ar-gone", JobKind.Grant, Now) { Id = 22 });

        Assert.That(await scheduler.RunOnceAsync(CancellationToken.None), Is.EqualTo(2));
        jobs.Verify(j => j.RetryAsync(It.Is<DueJob>(j => j.Id == 21), It.IsAny<DateTimeOffset>(), "boom", It.IsAny<CancellationToken>()), Times.Once);
        jobs.Verify(j => j.CompleteAsync(It.Is<DueJob>(j => j.Id == 22), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task A_job_whose_lease_is_half_gone_before_its_turn_is_handed_back_unstarted_for_a_fresh_claim()
    {
        // Two jobs of one request go one after the other; the first takes half the lease (a slow AWS call, a busy machine).
        requests.Setup(r => r.FindAsync("ar-5", It.IsAny<CancellationToken>()))
            .Callback(() => time.Advance(settings.Lease / 2))
            .ReturnsAsync((AccessRequest?)null);
        Claims(new DueJob("ar-5", JobKind.Grant, Now) { Id = 51 }, new DueJob("ar-5", JobKind.Expire, Now) { Id = 52 });

        await scheduler.RunOnceAsync(CancellationToken.None);

        requests.Verify(r => r.FindAsync("ar-5", It.IsAny<CancellationToken>()), Times.Once,
            "another replica may claim the second once the lease runs out; running it now could call AWS twice");
        jobs.Verify(j => j.CompleteAsync(It.Is<DueJob>(j => j.Id == 51), It.IsAny<CancellationToken>()), Times.Once);
        jobs.Verify(j => j.RetryAsync(It.Is<DueJob>(j => j.Id == 52), Now + settings.Lease / 2, It.Is<string>(e => e.Contains("lease")), It.IsAny<CancellationToken>()), Times.Once,
            "due again at once, for the next claim");
    }

    [Test]
    public async Task When_the_host_stops_the_job_in_flight_is_finished_and_the_jobs_not_started_are_handed_back()
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        requests.Setup(r => r.FindAsync("ar-4", It.IsAny<CancellationToken>())).Returns(async () =>
        {
            running.SetResult();
            await release.Task;
            return (AccessRequest?)null;
        });
        Claims(new DueJob("ar-4", JobKind.Grant, Now) { Id = 41 }, new DueJob("ar-4", JobKind.Expire, Now) { Id = 42 });

        await scheduler.StartAsync(CancellationToken.None);
        await running.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stopped = scheduler.StopAsync(CancellationToken.None);
        release.SetResult();
        await stopped.WaitAsync(TimeSpan.FromSeconds(10));

        jobs.Verify(j => j.CompleteAsync(It.Is<DueJob>(j => j.Id == 41), It.IsAny<CancellationToken>()), Times.Once);
        jobs.Verify(j => j.RetryAsync(It.Is<DueJob>(j => j.Id == 42), Now, It.Is<string>(e => e.Contains("stopping")), It.IsAny<CancellationToken>()), Times.Once);
        requests.Verify(r => r.FindAsync("ar-4", It.IsAny<CancellationToken>()), Times.Once, "the job not started never ran");
    }

    [Test]
    public void Cancellation_is_not_turned_into_a_retry()
    {
        requests.Setup(r => r.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException());
        Claims(new DueJob("ar-3", JobKind.Grant, Now) { Id = 13 });

        Assert.CatchAsync<OperationCanceledException>(() => scheduler.RunOnceAsync(CancellationToken.None));
        jobs.Verify(j => j.RetryAsync(It.IsAny<DueJob>(), It.IsAny<DateTimeOffset>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
