using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Chat;
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
public sealed partial class AccessWorkflow
{
    private readonly IAccessRequestStore _store;
    private readonly INodeInventory _inventory;
    private readonly IIdentityDirectory _directory;
    private readonly IAccessPolicy _policy;
    private readonly ICredentialIssuer? _credentials;
    private readonly AccessOptions _options;
    private readonly RequestCommitter _committer;
    private readonly ILogger<AccessWorkflow> _logger;

    public AccessWorkflow(
        IAccessRequestStore store,
        INodeInventory inventory,
        IIdentityDirectory directory,
        IAccessPolicy policy,
        IAccessGrantor grantor,
        IEnumerable<IChatPlatform> platforms,
        IEnumerable<IEmailSender> email,
        AccessOptions options,
        WorkSignal signal,
        TimeProvider time,
        ILogger<AccessWorkflow> logger)
    {
        _store = store;
        _inventory = inventory;
        _directory = directory;
        _policy = policy;
        // An optional power of the grantor, found once here (as Teleport's plugins check for native approval support).
        _credentials = grantor as ICredentialIssuer;
        _options = options;
        _logger = logger;
        Cards = new RequestCards(_credentials is not null, options.AllowRevokingAutoApproved);
        Notifications = new RequestNotifications(platforms.Select(p => p.Name).ToHashSet(), email.Any(), Cards);
        Closing = new Closing(Notifications);
        _committer = new RequestCommitter(store, Notifications, signal, time, logger);
    }

    /// <summary>The cards this deployment draws (with a credentials button when the grantor can mint them).</summary>
    public RequestCards Cards { get; }

    internal RequestNotifications Notifications { get; }

    internal Closing Closing { get; }

    internal RequestCommitter Committer => _committer;

    /// <summary>Draws a new request's id (a test can make it draw one already taken).</summary>
    internal Func<string> NewRequestId { get; set; } = RequestId.New;

    internal AccessOptions Options => _options;

    /// <summary>Submits one request per node; each is decided on its own.</summary>
    public async Task<IReadOnlyList<WorkflowResult>> SubmitAsync(ChatUser requester, IReadOnlyList<string> nodes, string reason, TimeSpan? duration, string? runAs, CancellationToken ct = default)
    {
        // The parser checks the reason too; checked again here because the core, not an adapter, decides what is stored.
        var (text, problem) = ReasonText.Check(reason);
        if (problem is not null || string.IsNullOrEmpty(text))
        {
            return [WorkflowResult.Refused(problem ?? ReasonText.Missing)];
        }

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
            var lookup = await _inventory.FindAsync(name, ct).ConfigureAwait(false);
            results.Add(lookup switch
            {
                NodeLookup.Found { Node.PingStatus: not NodePingStatus.Online } found => WorkflowResult.Refused(NodeRules.NotOnline(found.Node)),
                NodeLookup.Found found => await SubmitOneAsync(requester, user, found.Node, text, duration, runAs, ct).ConfigureAwait(false),
                NodeLookup.Ambiguous ambiguous => WorkflowResult.Refused(NodeRules.Ambiguous(ambiguous)),
                _ => WorkflowResult.Refused(NodeRules.NotFound(name)),
            });
        }

        return results;
    }

    private const int MaxIdAttempts = 5;

    private async Task<WorkflowResult> SubmitOneAsync(ChatUser requester, DirectoryUser user, Node node, string reason, TimeSpan? duration, string? runAs, CancellationToken ct)
    {
        if (await AlreadyOpenAsync(user, node, ct).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        // Ids are short enough to type (32 random bits), so among tens of thousands of stored requests a new one now and then
        // draws an id already taken (bench/slack hit one in about 25,000). The store then refuses the insert as it refuses
        // a second open request; when no open request explains the refusal, the request is tried again under a new id.
        var decision = _policy.Decide(user, node);
        for (var attempt = 1; attempt <= MaxIdAttempts; attempt++)
        {
            var now = _committer.Time.GetUtcNow();
            var request = new AccessRequest
            {
                Id = NewRequestId(),
                State = AccessRequestState.Denied,
                RequesterEmail = user.Email,
                RequesterName = user.DisplayName,
                OriginPlatform = requester.Platform,
                RequesterUserId = requester.UserId,
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

            var change = decision switch
            {
                PolicyDecision.AutoApproved auto => AutoApproved(request, auto, duration, now),
                PolicyDecision.NeedsApproval manual => await PendingAsync(request, manual, duration, now, ct).ConfigureAwait(false),
                PolicyDecision.Failed failed => Conflict(request, failed),
                _ => new Change(request, new RequestDenied(node.Id, reason, decision.Explanation), user.Email, $"Request for {node.Name} denied: {decision.Explanation}"),
            };

            if (await _committer.InsertAsync(change.Next!, change, ct).ConfigureAwait(false))
            {
                return new WorkflowResult(change.Next!.State is not (AccessRequestState.Denied or AccessRequestState.Failed), change.Message, change.Next with { Version = 1 });
            }

            // The store refuses a second open request for the node: a concurrent submission won.
            if (await AlreadyOpenAsync(user, node, ct).ConfigureAwait(false) is { } open)
            {
                return open;
            }
        }

        return WorkflowResult.Refused("the request could not be stored; try again.");
    }

    private Change AutoApproved(AccessRequest request, PolicyDecision.AutoApproved auto, TimeSpan? asked, DateTimeOffset now)
    {
        // Least privilege: a shorter window than the policy's, if asked for, is what is granted.
        var duration = asked is { } wanted && wanted < auto.Duration ? wanted : auto.Duration;
        var next = request with
        {
            State = AccessRequestState.Approved,
            AutoApproved = true,
            PolicyName = string.Join(", ", auto.StatementIds),
            Duration = duration,
            ExpiresAt = now + duration,
        };
        var clamped = asked > auto.Duration ? $" (you asked for {DurationText.Format(asked.Value)}; auto-approval grants at most {DurationText.Format(auto.Duration)})" : "";
        return new Change(next, new RequestAutoApproved(next.NodeId, next.Reason, auto.StatementIds, next.Duration), next.RequesterEmail,
            $"Request {next.Id}: access to {next.NodeName} was approved automatically by policy for {DurationText.Format(duration)}{clamped}; connection details follow in a direct message.")
        {
            Jobs = [new DueJob(next.Id, JobKind.Grant, now)],
        };
    }

    private async Task<Change> PendingAsync(AccessRequest request, PolicyDecision.NeedsApproval decision, TimeSpan? asked, DateTimeOffset now, CancellationToken ct,
        IReadOnlyDictionary<PlatformName, string>? channelsInstead = null)
    {
        var policy = decision.Policy;
        var wanted = asked ?? policy.AccessDuration;
        var granted = wanted > policy.MaxDuration ? policy.MaxDuration : wanted;
        var next = request with
        {
            State = AccessRequestState.Pending,
            PolicyName = policy.Name,
            Levels = policy.Levels,
            Channels = new Dictionary<PlatformName, string>(channelsInstead ?? policy.Channels),
            MaxDuration = policy.MaxDuration,
            ExtensionRule = policy.Extension,
            Duration = granted,
            PendingUntil = now + _options.PendingTimeout,
            StateReason = decision.Explanation,
        };
        next = next with { ApproverNotices = await NoticesAsync(next, new ApprovalRound(0, 0), ct).ConfigureAwait(false) };
        var clamped = granted < wanted ? $" (you asked for {DurationText.Format(wanted)}; policy '{policy.Name}' allows at most {DurationText.Format(policy.MaxDuration)})" : "";
        // Only the channels a card really goes to: a policy may name platforms this deployment does not run.
        var posted = next.Channels.Where(c => Notifications.Platforms.Contains(c.Key)).Select(c => c.Value).Distinct().ToList();
        var channels = posted.Count == 0 ? "the approvers" : string.Join(", ", posted);
        return new Change(next, new RequestSubmitted(next.NodeId, next.Reason, policy.Name, next.Duration), next.RequesterEmail,
            $"Request {next.Id} for {next.NodeName} sent to {channels} for approval by {string.Join(", then ", policy.Levels.Select(l => string.Join("/", l.Approvers)))}; " +
            $"duration {DurationText.Format(granted)}{clamped}{RunAsText(next)}.")
        {
            Jobs = [new DueJob(next.Id, JobKind.TimeOut, next.PendingUntil!.Value)],
        };
    }

    // JITNA refuses overlapping manual policies and tells the requester; an administrator must hear of it too.
    private Change Conflict(AccessRequest request, PolicyDecision.Failed failed)
    {
        _logger.LogWarning("Request {RequestId} for {NodeId} failed: manual policies {Policies} overlap", request.Id, request.NodeId, string.Join(", ", failed.ConflictingPolicies));
        var next = request with { State = AccessRequestState.Failed, PolicyName = string.Join(", ", failed.ConflictingPolicies) };
        return new Change(next, new RequestFailed(request.NodeId, request.Reason, failed.ConflictingPolicies), request.RequesterEmail,
            $"Request for {request.NodeName} failed: {failed.Explanation}")
        {
            Notifications = n => Notifications.ToRequester(n, RequestCards.Conflict(n)),
        };
    }

    private async Task<WorkflowResult?> AlreadyOpenAsync(DirectoryUser user, Node node, CancellationToken ct)
    {
        var mine = await _store.ListAsync(new RequestQuery(RequesterEmail: user.Email, NodeId: node.Id, Limit: 20), ct).ConfigureAwait(false);
        return mine.FirstOrDefault(r => r.State.IsOpen()) is { } open
            ? WorkflowResult.Refused($"you already have request {open.Id} for {node.Name} ({RequestCards.StatusText(open)}).", open)
            : null;
    }

    /// <summary>
    /// The request's notices plus one for each person who may approve <paramref name="round"/>'s level now: found in the
    /// directory now, never the requester, never someone who approved an earlier level of the same round.
    /// </summary>
    private async Task<IReadOnlyList<ApproverNotice>> NoticesAsync(AccessRequest r, ApprovalRound round, CancellationToken ct)
    {
        var people = await _directory.ListAsync(ct).ConfigureAwait(false);
        var entries = r.Levels[round.Level].Approvers;
        var approved = r.Approvals.Where(a => a.Round == round.Round).Select(a => a.ApproverEmail).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var told = people
            .Where(p => entries.Any(p.Matches) && !string.Equals(p.Email, r.RequesterEmail, StringComparison.OrdinalIgnoreCase) && !approved.Contains(p.Email))
            .OrderBy(p => p.Email, StringComparer.OrdinalIgnoreCase)
            .Select(p => new ApproverNotice(round.Round, round.Level, p.Email, p.DisplayName));
        return r.ApproverNotices.Concat(told).ToList();
    }

    /// <summary>The jobs of an open window: its end, and the reminder before it (none when the window is too short for one).</summary>
    internal IReadOnlyList<DueJob> WindowJobs(AccessRequest r, DateTimeOffset now)
    {
        var end = r.ExpiresAt ?? throw new InvalidOperationException($"request {r.Id} has no end to schedule");
        var remindAt = end - _options.ReminderBefore;
        return _options.ReminderBefore > TimeSpan.Zero && remindAt > now
            ? [new DueJob(r.Id, JobKind.Expire, end), new DueJob(r.Id, JobKind.Remind, remindAt)]
            : [new DueJob(r.Id, JobKind.Expire, end)];
    }

    // Echoed so a trailing "as <word>" read as an OS user (say "same issue as yesterday") is visible at once.
    private static string RunAsText(AccessRequest request) => request.RunAs is null ? "" : $"; as OS user '{request.RunAs}'";

    /// <summary>Requests and extensions that <paramref name="person"/> may approve now, leaving out those whose deadline passed.</summary>
    public async Task<IReadOnlyList<AccessRequest>> WaitingForAsync(DirectoryUser person, CancellationToken ct = default)
    {
        var now = _committer.Time.GetUtcNow();
        var pending = await _store.ListAsync(new RequestQuery(State: AccessRequestState.Pending, Limit: 50), ct).ConfigureAwait(false);
        var active = await _store.ListAsync(new RequestQuery(State: AccessRequestState.Active, Limit: 200), ct).ConfigureAwait(false);
        return pending.Concat(active.Where(r => r.PendingExtension is not null))
            .Where(r => Closing.Overdue(r, now) is null)
            .Where(r => (r.State == AccessRequestState.Pending
                ? ApprovalRules.CheckApprover(r, person.Email, person)
                : ApprovalRules.CheckExtensionApprover(r, person.Email, person)).Allowed)
            .ToList();
    }

    public Task<AccessRequest?> FindAsync(string requestId, CancellationToken ct = default) => _store.FindAsync(requestId, ct);

    public Task<IReadOnlyList<AccessRequest>> ListAsync(RequestQuery query, CancellationToken ct = default) => _store.ListAsync(query, ct);
}
