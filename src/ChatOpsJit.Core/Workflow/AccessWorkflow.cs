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
public sealed class AccessWorkflow
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
        Notifications = new RequestNotifications(platforms.Select(p => p.Name).ToHashSet(), email.Any());
        Cards = new RequestCards(_credentials is not null, options.AllowRevokingAutoApproved);
        _committer = new RequestCommitter(store, signal, time, logger);
    }

    /// <summary>The cards this deployment draws (with a credentials button when the grantor can mint them).</summary>
    public RequestCards Cards { get; }

    internal RequestNotifications Notifications { get; }

    internal RequestCommitter Committer => _committer;

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
            var lookup = await _inventory.FindAsync(name, ct).ConfigureAwait(false);
            results.Add(lookup switch
            {
                NodeLookup.Found { Node.PingStatus: not NodePingStatus.Online } found => WorkflowResult.Refused(NodeRules.NotOnline(found.Node)),
                NodeLookup.Found found => await SubmitOneAsync(requester, user, found.Node, reason, duration, runAs, ct).ConfigureAwait(false),
                NodeLookup.Ambiguous ambiguous => WorkflowResult.Refused(NodeRules.Ambiguous(ambiguous)),
                _ => WorkflowResult.Refused(NodeRules.NotFound(name)),
            });
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

        var (next, change) = decision switch
        {
            PolicyDecision.AutoApproved auto => AutoApproved(request, auto, duration, now),
            PolicyDecision.NeedsApproval manual => Pending(request, manual, duration, now),
            PolicyDecision.Failed failed => Submitted(request with { State = AccessRequestState.Failed, PolicyName = string.Join(", ", failed.ConflictingPolicies) },
                new RequestFailed(node.Id, reason, failed.ConflictingPolicies), [], $"Request for {node.Name} failed: {decision.Explanation}"),
            _ => Submitted(request, new RequestDenied(node.Id, reason, decision.Explanation), [], $"Request for {node.Name} denied: {decision.Explanation}"),
        };

        if (await _committer.InsertAsync(next, change, ct).ConfigureAwait(false))
        {
            return new WorkflowResult(next.State is not (AccessRequestState.Denied or AccessRequestState.Failed), change.Message, next with { Version = 1 });
        }

        // The store refuses a second open request for the node: a concurrent submission won.
        return await AlreadyOpenAsync(user, node, ct).ConfigureAwait(false) ?? WorkflowResult.Refused("the request could not be stored; try again.");
    }

    private static (AccessRequest, Change) Submitted(AccessRequest r, AuditEvent audit, IReadOnlyList<DueJob> jobs, string message) =>
        (r, new Change(r, audit, r.RequesterEmail, _ => [], jobs, [], message));

    private static (AccessRequest, Change) AutoApproved(AccessRequest request, PolicyDecision.AutoApproved auto, TimeSpan? asked, DateTimeOffset now)
    {
        var next = request with
        {
            State = AccessRequestState.Approved,
            AutoApproved = true,
            PolicyName = string.Join(", ", auto.StatementIds),
            // Least privilege: a shorter window than the policy's, if asked for, is what is granted.
            Duration = asked is { } wanted && wanted < auto.Duration ? wanted : auto.Duration,
        };
        return Submitted(next, new RequestAutoApproved(next.NodeId, next.Reason, auto.StatementIds, next.Duration), [new DueJob(next.Id, JobKind.Grant, now)],
            $"Request {next.Id}: access to {next.NodeName} was approved automatically by policy; connection details follow in a direct message.");
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
            Channels = new Dictionary<PlatformName, string>(policy.Channels),
            Duration = granted,
            PendingUntil = now + _options.PendingTimeout,
            StateReason = decision.Explanation,
        };
        var clamped = granted < wanted ? $" (you asked for {DurationText.Format(wanted)}; policy '{policy.Name}' allows at most {DurationText.Format(policy.MaxDuration)})" : "";
        var channels = next.Channels.Count == 0 ? "the approvers" : string.Join(", ", next.Channels.Values.Distinct());
        var change = new Change(next, new RequestSubmitted(next.NodeId, next.Reason, policy.Name, next.Duration), next.RequesterEmail,
            n => Notifications.PostApprovalCard(n, Cards.Approval(n)), [new DueJob(next.Id, JobKind.TimeOut, next.PendingUntil.Value)], [],
            $"Request {next.Id} for {next.NodeName} sent to {channels} for approval by {string.Join(", then ", policy.Levels.Select(l => string.Join("/", l.Approvers)))}; " +
            $"duration {DurationText.Format(granted)}{clamped}{RunAsText(next)}.");
        return (next, change);
    }

    // Echoed so a trailing "as <word>" read as an OS user (say "same issue as yesterday") is visible at once.
    private static string RunAsText(AccessRequest request) => request.RunAs is null ? "" : $"; as OS user '{request.RunAs}'";

    /// <summary>Redraws the approvers' card wherever it was posted.</summary>
    internal IEnumerable<OutboxMessage> RedrawApproval(AccessRequest r) => Notifications.UpdateApprovalCard(r, Cards.Approval(r));

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
            return new Change(next, done ? new RequestApproved(r.CurrentLevel + 1) : new LevelApproved(r.CurrentLevel + 1), user!.Email,
                RedrawApproval,
                done ? [new DueJob(r.Id, JobKind.Grant, now)] : [],
                done ? [JobKind.TimeOut] : [],
                done
                    ? $"You approved request {r.Id}; {r.RequesterName} gets access to {r.NodeName} for {DurationText.Format(r.Duration)}."
                    : next.CurrentLevel > r.CurrentLevel
                        ? $"You approved level {r.CurrentLevel + 1} of request {r.Id}; it now waits for level {next.CurrentLevel + 1}."
                        : $"You approved request {r.Id}; level {r.CurrentLevel + 1} needs {r.Levels[r.CurrentLevel].Required - next.ApprovalsAtCurrentLevel.Count()} more.");
        }, ct);

    public Task<WorkflowResult> RejectAsync(string requestId, ChatUser clicker, string? reason = null, CancellationToken ct = default)
    {
        var (note, problem) = ReasonText.Check(reason, "the reason for rejecting");
        if (problem is not null)
        {
            return Task.FromResult(WorkflowResult.Refused(problem));
        }

        return _committer.ChangeAsync(requestId, async (r, now) =>
        {
            var user = await _directory.FindAsync(clicker.Email, ct).ConfigureAwait(false);
            var check = ApprovalRules.CheckRejecter(r, clicker.Email, user);
            if (!check.Allowed)
            {
                return Change.Refuse(check.Reason);
            }

            var next = r with
            {
                State = AccessRequestState.Rejected, DecidedBy = user!.Email, DecidedByName = user.DisplayName, EndedAt = now,
                RejectionReason = string.IsNullOrEmpty(note) ? null : note, StateReason = $"rejected by {user.Email}",
            };
            return new Change(next, new RequestRejected(r.CurrentLevel + 1), user.Email,
                n => RedrawApproval(n).Concat(Notifications.ToRequester(n, RequestCards.Rejected(n))), [], [JobKind.TimeOut],
                $"You rejected request {r.Id}; {r.RequesterName} will be told" + (next.RejectionReason is null ? "." : ", with your reason."));
        }, ct);
    }

    /// <summary>
    /// What to ask before a verb that <see cref="CardVerbs.Prompts"/> runs, after the same check the action itself makes,
    /// so only people who may do it are asked to confirm. Nothing is written.
    /// </summary>
    public async Task<ActionResult> PromptAsync(CardVerb verb, string requestId, ChatUser presser, CancellationToken ct = default)
    {
        var request = await _store.FindAsync(requestId, ct).ConfigureAwait(false);
        if (request is null)
        {
            return ActionResult.Refused($"there is no request {requestId}.");
        }

        var user = await _directory.FindAsync(presser.Email, ct).ConfigureAwait(false);
        var check = verb switch
        {
            CardVerb.Reject => ApprovalRules.CheckRejecter(request, presser.Email, user),
            CardVerb.Revoke => ApprovalRules.CheckRevoker(request, user, _options.AllowRevokingAutoApproved),
            _ => ApprovalCheck.No($"the {verb.WireName()} button needs no confirmation."),
        };
        if (!check.Allowed)
        {
            return ActionResult.Refused(check.Reason);
        }

        return ActionResult.Ask(verb switch
        {
            CardVerb.Reject => new ActionPrompt($"Reject request {request.Id}?",
                $"{request.RequesterName} asked for access to {request.NodeName}: \u201c{request.Reason}\u201d. They will be told, with your reason if you give one.",
                "Reject", new PromptInput("Reason (optional; the requester sees it)", "e.g. use the staging box first", false, ReasonText.MaxLength)),
            _ => new ActionPrompt($"Revoke request {request.Id} now?",
                $"Access to {request.NodeName} ends at once and its live sessions are ended.", "Revoke"),
        });
    }

    public Task<WorkflowResult> CancelAsync(string requestId, ChatUser actor, CancellationToken ct = default) =>
        _committer.ChangeAsync(requestId, (r, now) =>
        {
            var check = ApprovalRules.CheckCanceller(r, actor.Email);
            return Task.FromResult(check.Allowed
                ? new Change(r with { State = AccessRequestState.Cancelled, DecidedBy = r.RequesterEmail, EndedAt = now, StateReason = "cancelled by the requester" },
                    new RequestCancelled(), actor.Email, RedrawApproval, [], [JobKind.TimeOut], $"Request {r.Id} cancelled.")
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
            return new Change(next, new RequestRevoked(), user.Email, RedrawApproval,
                [new DueJob(r.Id, JobKind.EndSessions, now)], [JobKind.Expire, JobKind.Grant],
                $"Request {r.Id} revoked; live sessions on {r.NodeName} are being ended.");
        }, ct);

    /// <summary>
    /// Mints temporary credentials for the requester of an active grant, answered privately. The issue is audited
    /// (key id and expiry only) in a transition, so it happens only if the grant was still active when it committed.
    /// </summary>
    public async Task<ActionResult> IssueCredentialsAsync(string requestId, ChatUser clicker, CancellationToken ct = default)
    {
        if (_credentials is null)
        {
            return ActionResult.Refused("this deployment hands out no credentials; connect with the command in your access message.");
        }

        AccessCredentials? minted = null;
        var result = await _committer.ChangeAsync(requestId, async (r, now) =>
        {
            minted = null;
            var user = await _directory.FindAsync(clicker.Email, ct).ConfigureAwait(false);
            var check = ApprovalRules.CheckCredentialsTaker(r, user, now);
            if (!check.Allowed)
            {
                return Change.Refuse(check.Reason);
            }

            try
            {
                minted = await _credentials.IssueCredentialsAsync(r, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning("Minting credentials for request {RequestId} failed: {Error}", r.Id, e.Message);
                return Change.Refuse("the credentials could not be issued right now; try again in a minute.");
            }

            return new Change(r, new CredentialsIssued(minted.KeyId, minted.Expires), user!.Email, _ => [], [], [],
                $"Temporary credentials for {r.NodeName}, valid until {RequestCards.When(minted.Expires)}, shown only to you.");
        }, ct).ConfigureAwait(false);

        var card = result.Request is null ? null : Cards.ForRequester(result.Request);
        return result.Ok && minted is not null
            ? new ActionResult(true, result.Message, card, RequestCards.Credentials(result.Request!, minted))
            : new ActionResult(false, result.Message, card);
    }

    public Task<AccessRequest?> FindAsync(string requestId, CancellationToken ct = default) => _store.FindAsync(requestId, ct);

    public Task<IReadOnlyList<AccessRequest>> ListAsync(RequestQuery query, CancellationToken ct = default) => _store.ListAsync(query, ct);
}
