using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Serialization;

namespace ChatOpsJit.Core.Tests.Fakes;

/// <summary>
/// The request store in memory, with the real store's rules: a transition is written whole or not at all, only when
/// the stored version is still the expected one (0 = insert, refused when the id exists); requests round-trip through
/// JSON; audit records are sealed with a test key and chained; cancelled job kinds are dropped before the new jobs are added. Thread-safe.
/// Also the job store, so tests can claim due work the way the scheduler does.
/// </summary>
public sealed class InMemoryAccessRequestStore : IAccessRequestStore, IJobStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredRequest> _requests = new(StringComparer.Ordinal);
    private readonly List<Transition> _commits = [];
    private readonly List<AuditRecord> _audit = [];
    private readonly List<OutboxMessage> _outbox = [];
    private readonly List<DueJob> _jobs = [];
    private readonly Dictionary<long, DateTimeOffset> _leases = [];
    private readonly List<(string RequestId, JobKind Kind)> _cancelled = [];
    private readonly List<DueJob> _dropped = [];
    private long _order;
    private long _nextJobId;
    private long _nextOutboxId;
    private int _refusedCommits;

    /// <summary>Every committed transition, in commit order.</summary>
    public IReadOnlyList<Transition> Commits => Snapshot(_commits);

    public IReadOnlyList<AuditRecord> Audit => Snapshot(_audit);

    /// <summary>The key the records are sealed with: verify them with <c>AuditChain.Verify(Store.Audit, Store.AuditKeys.All)</c>.</summary>
    public AuditKeyRing AuditKeys { get; } = new(AuditKey.Generate());

    public IReadOnlyList<OutboxMessage> Outbox => Snapshot(_outbox);

    /// <summary>Jobs not yet completed or cancelled (claimed ones included).</summary>
    public IReadOnlyList<DueJob> Jobs => Snapshot(_jobs);

    /// <summary>Every (request, kind) a transition asked to cancel.</summary>
    public IReadOnlyList<(string RequestId, JobKind Kind)> CancelledJobKinds => Snapshot(_cancelled);

    /// <summary>Stored jobs that a cancellation actually removed.</summary>
    public IReadOnlyList<DueJob> DroppedJobs => Snapshot(_dropped);

    /// <summary>Commits refused because the version did not match (or the id existed on insert).</summary>
    public int RefusedCommits
    {
        get
        {
            lock (_gate)
            {
                return _refusedCommits;
            }
        }
    }

    public IReadOnlyList<OutboxMessage> OutboxFor(string requestId) => Outbox.Where(m => m.RequestId == requestId).ToList();

    public IReadOnlyList<DueJob> JobsFor(string requestId) => Jobs.Where(j => j.RequestId == requestId).ToList();

    public IReadOnlyList<Transition> CommitsFor(string requestId) => Commits.Where(t => t.Request.Id == requestId).ToList();

    public Task<bool> TryCommitAsync(Transition transition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.ExpectedVersion < 0 || transition.Request.Version != transition.ExpectedVersion + 1)
        {
            throw new ArgumentException(
                $"request {transition.Request.Id} must carry version {transition.ExpectedVersion + 1}, found {transition.Request.Version}", nameof(transition));
        }

        lock (_gate)
        {
            var exists = _requests.TryGetValue(transition.Request.Id, out var stored);
            var matches = transition.ExpectedVersion == 0 ? !exists : exists && stored!.Request.Version == transition.ExpectedVersion;
            if (!matches)
            {
                _refusedCommits++;
                return Task.FromResult(false);
            }

            var id = transition.Request.Id;
            _requests[id] = new StoredRequest(RoundTrip(transition.Request), stored?.Order ?? ++_order);
            _commits.Add(transition);

            var previous = _audit.Count == 0 ? AuditChain.Genesis : _audit[^1].Mac;
            _audit.Add(AuditChain.Seal(_audit.Count + 1, transition.Audit, AuditKeys.Current, previous));

            foreach (var kind in transition.CancelJobs.Distinct())
            {
                _cancelled.Add((id, kind));
                foreach (var job in _jobs.Where(j => j.RequestId == id && j.Kind == kind).ToList())
                {
                    _jobs.Remove(job);
                    _leases.Remove(job.Id);
                    _dropped.Add(job);
                }
            }

            _jobs.AddRange(transition.Jobs.Select(j => j with { Id = ++_nextJobId, Attempts = 0 }));
            _outbox.AddRange(transition.Notifications.Select(m => m with { Id = ++_nextOutboxId, DueAt = transition.Audit.At }));
            return Task.FromResult(true);
        }
    }

    public Task<AccessRequest?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_requests.TryGetValue(id, out var stored) ? RoundTrip(stored.Request) : null);
        }
    }

    public Task<IReadOnlyList<AccessRequest>> ListAsync(RequestQuery query, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<AccessRequest> found = _requests.Values
                .Where(s => query.State is null || s.Request.State == query.State)
                .Where(s => query.RequesterEmail is null || s.Request.RequesterEmail == query.RequesterEmail)
                .Where(s => query.NodeId is null || s.Request.NodeId == query.NodeId)
                .OrderByDescending(s => s.Request.CreatedAt).ThenByDescending(s => s.Order)
                .Take(query.Limit)
                .Select(s => RoundTrip(s.Request))
                .ToList();
            return Task.FromResult(found);
        }
    }

    public Task<bool> PingAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task<IReadOnlyList<DueJob>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var claimed = _jobs
                .Where(j => j.DueAt <= now && (!_leases.TryGetValue(j.Id, out var until) || until <= now))
                .OrderBy(j => j.DueAt).ThenBy(j => j.Id)
                .Take(max)
                .ToList();
            IReadOnlyList<DueJob> result = claimed.Select(job =>
            {
                var next = job with { Attempts = job.Attempts + 1 };
                _jobs[_jobs.IndexOf(job)] = next;
                _leases[job.Id] = now + lease;
                return next;
            }).ToList();
            return Task.FromResult(result);
        }
    }

    public Task<bool> CompleteAsync(DueJob claimed, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // As the real stores do: a job already gone (cancelled by its own transition) counts as completed.
            var removed = _jobs.RemoveAll(j => j.Id == claimed.Id && j.Attempts == claimed.Attempts) > 0;
            var gone = removed || _jobs.All(j => j.Id != claimed.Id);
            if (gone)
            {
                _leases.Remove(claimed.Id);
            }

            return Task.FromResult(gone);
        }
    }

    public Task<bool> RetryAsync(DueJob claimed, DateTimeOffset retryAt, string error, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = _jobs.FindIndex(j => j.Id == claimed.Id && j.Attempts == claimed.Attempts);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _jobs[index] = _jobs[index] with { DueAt = retryAt };
            _leases.Remove(claimed.Id);
            return Task.FromResult(true);
        }
    }

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_jobs.Count == 0 ? (DateTimeOffset?)null : _jobs.Min(j => j.DueAt));
        }
    }

    private IReadOnlyList<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return list.ToList();
        }
    }

    private static AccessRequest RoundTrip(AccessRequest request) => CoreJson.Deserialize<AccessRequest>(CoreJson.Serialize(request));

    private sealed record StoredRequest(AccessRequest Request, long Order);
}
