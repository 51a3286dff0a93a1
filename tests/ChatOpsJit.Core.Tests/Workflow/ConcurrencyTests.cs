using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Tests.Fakes;
using ChatOpsJit.Core.Workflow;

namespace ChatOpsJit.Core.Tests.Workflow;

/// <summary>Many clicks at once against one request: optimistic concurrency lets exactly one outcome through.</summary>
public sealed class ConcurrencyTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Fifty_parallel_approvals_of_a_request_needing_one_commit_exactly_once()
    {
        var approvers = Enumerable.Range(1, 50).Select(i => $"approver{i:00}@example.com").ToList();
        var world = new WorkflowWorld([new ApprovalLevel(["approvers"], 1)]);
        foreach (var email in approvers)
        {
            world.Directory.Add(email, "approvers");
        }

        var pending = await world.PendingAsync();
        // Every click reads the request (version 1) before any of them commits.
        world.Directory.HoldLookupsUntil(approvers.Count);

        var results = await Task.WhenAll(approvers.Select(email =>
            Task.Run(() => world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(email)))));

        var stored = await world.RequestAsync(pending.Id);
        var winners = results.Where(r => r.Ok).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(winners, Has.Count.EqualTo(1));
            Assert.That(stored.State, Is.EqualTo(AccessRequestState.Approved));
            Assert.That(stored.Version, Is.EqualTo(2));
            Assert.That(stored.Approvals, Has.Count.EqualTo(1));
            Assert.That(stored.DecidedBy, Is.EqualTo(winners.Single().Request!.DecidedBy));
            Assert.That(world.Store.CommitsFor(pending.Id).Count(c => c.Request.State == AccessRequestState.Approved), Is.EqualTo(1));
            Assert.That(world.Store.CommitsFor(pending.Id), Has.Count.EqualTo(2), "the submission and one approval");
            Assert.That(world.Store.JobsFor(pending.Id).Count(j => j.Kind == JobKind.Grant), Is.EqualTo(1));
            Assert.That(world.Store.RefusedCommits, Is.EqualTo(49), "every loser lost a version race, then re-read");
            Assert.That(results.Where(r => !r.Ok).Select(r => r.Message),
                Is.All.EqualTo($"request {pending.Id} is already approved (by {WorkflowWorld.Named(stored.DecidedBy!)})."));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Two_simultaneous_approvals_of_a_level_needing_two_both_count_after_a_retry()
    {
        var world = new WorkflowWorld([new ApprovalLevel(["a@example.com", "b@example.com"], 2)]);
        world.Directory.Add("a@example.com");
        world.Directory.Add("b@example.com");
        var pending = await world.PendingAsync();
        world.Directory.HoldLookupsUntil(2);

        var results = await Task.WhenAll(new[] { "a@example.com", "b@example.com" }.Select(email =>
            Task.Run(() => world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User(email)))));

        var stored = await world.RequestAsync(pending.Id);
        Assert.That(results.Select(r => r.Ok), Is.All.True);
        Assert.That(world.Store.RefusedCommits, Is.EqualTo(1), "the loser re-read and decided again");
        Assert.That(stored.State, Is.EqualTo(AccessRequestState.Approved));
        Assert.That(stored.Approvals.Select(a => a.ApproverEmail), Is.EquivalentTo(new[] { "a@example.com", "b@example.com" }));
        Assert.That(world.Store.JobsFor(pending.Id).Select(j => j.Kind), Is.EqualTo(new[] { JobKind.Grant }));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Approve_and_reject_racing_write_exactly_one_outcome()
    {
        var world = new WorkflowWorld([new ApprovalLevel(["a@example.com", "b@example.com"], 1)]);
        world.Directory.Add("a@example.com");
        world.Directory.Add("b@example.com");
        var pending = await world.PendingAsync();
        world.Directory.HoldLookupsUntil(2);

        var approve = Task.Run(() => world.Workflow.ApproveAsync(pending.Id, WorkflowWorld.User("a@example.com")));
        var reject = Task.Run(() => world.Workflow.RejectAsync(pending.Id, WorkflowWorld.User("b@example.com")));
        var results = await Task.WhenAll(approve, reject);

        var stored = await world.RequestAsync(pending.Id);
        Assert.That(results.Count(r => r.Ok), Is.EqualTo(1));
        Assert.That(stored.Version, Is.EqualTo(2));
        Assert.That(stored.State, Is.EqualTo(results[0].Ok ? AccessRequestState.Approved : AccessRequestState.Rejected));
        Assert.That(world.Store.JobsFor(pending.Id).Count(j => j.Kind == JobKind.Grant), Is.EqualTo(results[0].Ok ? 1 : 0));
    }

    [Test]
    public async Task Store_refuses_an_insert_of_an_existing_id_and_an_update_from_a_stale_version()
    {
        var world = new WorkflowWorld();
        var pending = await world.PendingAsync();
        var transition = world.Store.Commits.Single();

        var reinsert = await world.Store.TryCommitAsync(transition);
        var stale = await world.Store.TryCommitAsync(transition with { Request = pending with { Version = 3 }, ExpectedVersion = 2 });

        Assert.That(reinsert, Is.False);
        Assert.That(stale, Is.False);
        Assert.That(world.Store.Commits, Has.Count.EqualTo(1));
        Assert.That(world.Store.Audit, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Committer_gives_up_after_its_attempts_when_the_request_keeps_changing()
    {
        var store = new AlwaysConflictingStore();
        var world = new WorkflowWorld();
        var committer = new RequestCommitter(store, world.Workflow.Notifications, new WorkSignal(), world.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var result = await committer.ChangeAsync("ar-00000001", (r, _) => Task.FromResult(new Change(r with { State = AccessRequestState.Cancelled }, new ChatOpsJit.Core.Audit.RequestCancelled(), "y", "ok")), CancellationToken.None);

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Message, Is.EqualTo("request ar-00000001 is changing too fast right now; try again."));
        Assert.That(store.Attempts, Is.EqualTo(20));
    }

    private sealed class AlwaysConflictingStore : ChatOpsJit.Core.Ports.IAccessRequestStore
    {
        public int Attempts { get; private set; }

        public Task<bool> TryCommitAsync(ChatOpsJit.Core.Ports.Transition transition, CancellationToken cancellationToken = default)
        {
            Attempts++;
            return Task.FromResult(false);
        }

        public Task<AccessRequest?> FindAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult<AccessRequest?>(new AccessRequest
        {
            Id = id, Version = 1, State = AccessRequestState.Pending, RequesterEmail = "r@example.com", RequesterName = "r",
            OriginPlatform = ChatOpsJit.Core.Chat.PlatformName.Console, NodeId = "i-1", NodeName = "web-1", Reason = "x", Duration = TimeSpan.FromHours(1), CreatedAt = default,
        });

        public Task<IReadOnlyList<AccessRequest>> ListAsync(ChatOpsJit.Core.Ports.RequestQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<AccessRequest>>([]);

        public Task<bool> PingAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
    }
}
