using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Core.Workflow;

/// <summary>The access-request workflow: every decision about a request is made here, for every chat surface.</summary>
public sealed class AccessWorkflow
{
    private readonly IAccessRequestStore _store;
    private readonly INodeInventory _inventory;
    private readonly IIdentityDirectory _directory;
    private readonly IAccessPolicy _policy;
    private readonly AccessOptions _options;
    private readonly RequestNotifications _notify;
    private readonly RequestCommitter _committer;

    public AccessWorkflow(
        IAccessRequestStore store,
        INodeInventory inventory,
        IIdentityDirectory directory,
        IAccessPolicy policy,
        IEnumerable<IChatPlatform> platforms,
        AccessOptions options,
        WorkSignal signal,
        TimeProvider time,
        ILogger<AccessWorkflow> logger)
    {
        _store = store;
        _inventory = inventory;
        _directory = directory;
        _policy = policy;
        _options = options;
        _notify = new RequestNotifications(platforms.Select(p => p.Name).ToList());
        _committer = new RequestCommitter(store, signal, time, logger);
    }

    /// <summary>Submits one request per node; each is decided on its own.</summary>
    public async Task<IReadOnlyList<WorkflowResult>> SubmitAsync(ChatUser requester, IReadOnlyList<string> nodes, string reason, TimeSpan? duration, string? runAs, CancellationToken ct = default)
    {
        var user = await _directory.FindAsync(requester.Email, ct).ConfigureAwait(false);
        if (user is null)
        {
            return [WorkflowResult.Refused($"{requester.Email} is not in the directory, so cannot request access; ask an administrator to add you.")];
        }

        if (!_policy.IsLoaded)
        {
            return [WorkflowResult.Refused("access policies are not loaded yet, so nothing can be decided; try again in a minute.")];
        }

        var results = new List<WorkflowResult>();
        foreach (var name in nodes)
        {
            var node = await _inventory.FindAsync(name, ct).ConfigureAwait(false);
            results.Add(node is null
                ? WorkflowResult.Refused($"there is no node '{name}'; name a node by its id (i-…, mi-…) or its Name tag.")
                : await SubmitOneAsync(requester, user, node, reason, duration, runAs, ct).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<WorkflowResult> SubmitOneAsync(ChatUser requester, DirectoryUser user, Node node, string reason, TimeSpan? duration, string? runAs, CancellationToken ct)
    {
        if (await AlreadyOpenAsync(user, node, ct).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        var now = _committer.Time.GetUtcNow();
        var decision = _policy.Decide(user, node);
        var request = new AccessRequest
        {
            Id = RequestId.New(),
            State = AccessRequestState.Denied,
            RequesterEmail = user.Email,
            RequesterName = user.DisplayName,
            OriginPlatform = requester.Platform,
            NodeId = node.Id,
            NodeName = node.Name,
            Account = node.Account,
            Region = node.Region,
            Reason = reason,
            Duration = duration ?? _options.AutoApprovalDuration,
            RunAs = runAs,
            CreatedAt = now,
            StateReason = decision.Explanation,
        };

        var (next, change) = decision switch
        {
            PolicyDecision.AutoApproved auto => Submitted(request with
            {
                State = AccessRequestState.Approved,
                AutoApproved = true,
                PolicyName = string.Join(", ", auto.StatementIds),
                // Least privilege: a shorter window than the policy's, if asked for, is what is granted.
                Duration = duration is { } asked && asked < auto.Duration ? asked : auto.Duration,
            }, "request.auto-approved", new { statements = auto.StatementIds }, _ => [], [new DueJob(request.Id, JobKind.Grant, now)],
                $"Request {request.Id}: access to {node.Name} was approved automatically by policy; connection details follow in a direct message."),
            PolicyDecision.NeedsApproval manual => Pending(request, manual, duration, now),
            PolicyDecision.Failed failed => Submitted(request with { State = AccessRequestState.Failed, PolicyName = string.Join(", ", failed.ConflictingPolicies) },
                "request.failed", new { conflict = failed.ConflictingPolicies }, _ => [], [], $"Request for {node.Name} failed: {decision.Explanation}"),
            _ => Submitted(request, "request.denied", new { }, _ => [], [], $"Request for {node.Name} denied: {decision.Explanation}"),
        };

        if (await _committer.InsertAsync(next, change, ct).ConfigureAwait(false))
        {
            return new WorkflowResult(next.State is not (AccessRequestState.Denied or AccessRequestState.Failed), change.Message, next with { Version = 1 });
        }

        // The store refuses a second open request for the node: a concurrent submission won.
        return await AlreadyOpenAsync(user, node, ct).ConfigureAwait(false) ?? WorkflowResult.Refused("the request could not be stored; try again.");

        (AccessRequest, Change) Submitted(AccessRequest r, string kind, object data, Func<AccessRequest, IEnumerable<OutboxMessage>> notify, IReadOnlyList<DueJob> jobs, string message) =>
            (r, new Change(r, kind, user.Email, new { node = node.Id, reason, state = r.State, detail = data }, notify, jobs, [], message));
    }

    private async Task<WorkflowResult?> AlreadyOpenAsync(DirectoryUser user, Node node, CancellationToken ct)
    {
        var mine = await _store.ListAsync(new RequestQuery(RequesterEmail: user.Email, NodeId: node.Id, Limit: 20), ct).ConfigureAwait(false);
        return mine.FirstOrDefault(r => r.State.IsOpen()) is { } open
            ? WorkflowResult.Refused($"you already have request {open.Id} for {node.Name} ({RequestCards.StatusText(open)}).", open)
            : null;
    }

    private (AccessRequest, Change) Pending(AccessRequest request, PolicyDecision.NeedsApproval decision, TimeSpan? asked, DateTimeOffset now)
    {
        var policy = decision.Policy;
        var wanted = asked ?? policy.AccessDuration;
        var granted = wanted > policy.MaxDuration ? policy.MaxDuration : wanted;
        var next = request with
        {
            State = AccessRequestState.Pending,
            PolicyName = policy.Name,
            Levels = policy.Levels,
            Channels = new Dictionary<string, string>(policy.Channels, StringComparer.OrdinalIgnoreCase),
            Duration = granted,
            PendingUntil = now + _options.PendingTimeout,
            StateReason = decision.Explanation,
        };
        var clamped = granted < wanted ? $" (you asked for {DurationText.Format(wanted)}; policy '{policy.Name}' allows at most {DurationText.Format(policy.MaxDuration)})" : "";
        var channels = next.Channels.Count == 0 ? "the approvers" : string.Join(", ", next.Channels.Values.Distinct());
        var change = new Change(next, "request.submitted", next.RequesterEmail,
            new { node = next.NodeId, reason = next.Reason, state = next.State, policy = policy.Name, duration = next.Duration },
            _notify.PostApprovalCard, [new DueJob(next.Id, JobKind.TimeOut, next.PendingUntil.Value)], [],
            $"Request {next.Id} for {next.NodeName} sent to {channels} for approval by {string.Join(", then ", policy.Levels.Select(l => string.Join("/", l.Approvers)))}; " +
            $"duration {DurationText.Format(granted)}{clamped}{RunAsText(next)}.");
        return (next, change);
    }

    // Echoed so a trailing "as <word>" read as an OS user (say "same issue as yesterday") is visible at once.
    private static string RunAsText(AccessRequest request) => request.RunAs is null ? "" : $"; as OS user '{request.RunAs}'";

    public Task<WorkflowResult> ApproveAsync(string requestId, ChatUser clicker, CancellationToken ct = default) =>
        _committer.ChangeAsync(requestId, async (r, now) =>
        {
            var user = await _directory.FindAsync(clicker.Email, ct).ConfigureAwait(false);
            var check = ApprovalRules.CheckApprover(r, clicker.Email, user);
            if (!check.Allowed)
            {
                return Change.Refuse(check.Reason);
            }

            var next = ApprovalRules.AddApproval(r, user!, now);
            var done = next.State == AccessRequestState.Approved;
            return new Change(next, done ? "request.approved" : "request.level-approved", user!.Email, new { level = r.CurrentLevel + 1 },
                _notify.UpdateApprovalCard,
                done ? [new DueJob(r.Id, JobKind.Grant, now)] : [],
                done ? [JobKind.TimeOut] : [],
                done
                    ? $"You approved request {r.Id}; {r.RequesterName} gets access to {r.NodeName} for {DurationText.Format(r.Duration)}."
                    : next.CurrentLevel > r.CurrentLevel
                        ? $"You approved level {r.CurrentLevel + 1} of request {r.Id}; it now waits for level {next.CurrentLevel + 1}."
                        : $"You approved request {r.Id}; level {r.CurrentLevel + 1} needs {r.Levels[r.CurrentLevel].Required - next.ApprovalsAtCurrentLevel.Count()} more.");
        }, ct);

    public Task<WorkflowResult> RejectAsync(string requestId, ChatUser clicker, CancellationToken ct = default) =>
        _committer.ChangeAsync(requestId, async (r, now) =>
        {
            var user = await _directory.FindAsync(clicker.Email, ct).ConfigureAwait(false);
            var check = ApprovalRules.CheckDenier(r, clicker.Email, user);
            if (!check.Allowed)
            {
                return Change.Refuse(check.Reason);
            }

            var next = r with { State = AccessRequestState.Rejected, DecidedBy = user!.Email, EndedAt = now, StateReason = $"denied by {user.Email}" };
            return new Change(next, "request.rejected", user.Email, new { level = r.CurrentLevel + 1 },
                n => _notify.UpdateApprovalCard(n).Concat(_notify.ToRequester(n, RequestCards.Rejected(n))), [], [JobKind.TimeOut],
                $"You denied request {r.Id}; {r.RequesterName} will be told.");
        }, ct);

    public Task<WorkflowResult> CancelAsync(string requestId, ChatUser actor, CancellationToken ct = default) =>
        _committer.ChangeAsync(requestId, (r, now) =>
        {
            var check = ApprovalRules.CheckCanceller(r, actor.Email);
            return Task.FromResult(check.Allowed
                ? new Change(r with { State = AccessRequestState.Cancelled, DecidedBy = r.RequesterEmail, EndedAt = now, StateReason = "cancelled by the requester" },
                    "request.cancelled", actor.Email, new { }, _notify.UpdateApprovalCard, [], [JobKind.TimeOut], $"Request {r.Id} cancelled.")
                : Change.Refuse(check.Reason));
        }, ct);

    public Task<WorkflowResult> RevokeAsync(string requestId, ChatUser actor, CancellationToken ct = default) =>
        _committer.ChangeAsync(requestId, async (r, now) =>
        {
            var user = await _directory.FindAsync(actor.Email, ct).ConfigureAwait(false);
            var check = ApprovalRules.CheckRevoker(r, user, _options.AllowRevokingAutoApproved);
            if (!check.Allowed)
            {
                return Change.Refuse(check.Reason);
            }

            var next = r with { State = AccessRequestState.Revoked, DecidedBy = user!.Email, EndedAt = now, StateReason = $"revoked by {user.Email}" };
            return new Change(next, "request.revoked", user.Email, new { }, _notify.UpdateApprovalCard,
                [new DueJob(r.Id, JobKind.EndSessions, now)], [JobKind.Expire, JobKind.Grant],
                $"Request {r.Id} revoked; live sessions on {r.NodeName} are being ended.");
        }, ct);

    public Task<AccessRequest?> FindAsync(string requestId, CancellationToken ct = default) => _store.FindAsync(requestId, ct);

    public Task<IReadOnlyList<AccessRequest>> ListAsync(RequestQuery query, CancellationToken ct = default) => _store.ListAsync(query, ct);

    internal RequestNotifications Notifications => _notify;

    internal RequestCommitter Committer => _committer;
}
