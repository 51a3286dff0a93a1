using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Workflow;

/// <summary>Requests made in another system (JITNA) and put before ChatOpsJit's approvers.</summary>
public sealed partial class AccessWorkflow
{
    /// <summary>
    /// Puts a request found in another system before the approvers of the manual policy that governs its node here, with
    /// its card in the bridged account's channels. Bridging the same external request again (another poll, replica or
    /// restart) changes nothing. The other system already chose manual approval, so only a manual policy can decide it here:
    /// a node that policy would auto-approve or deny is recorded as denied and left to be decided there.
    /// </summary>
    public async Task<WorkflowResult> SubmitBridgedAsync(BridgedSubmission submission, CancellationToken ct = default)
    {
        var id = RequestId.For(submission.Bridge.ExternalId);
        if (await _store.FindAsync(id, ct).ConfigureAwait(false) is { } known)
        {
            return WorkflowResult.Refused($"{submission.Bridge.ExternalId} is already bridged as request {known.Id}.", known);
        }

        var (reason, problem) = ReasonText.Check(submission.Reason);
        var user = await _directory.FindAsync(submission.RequesterEmail, ct).ConfigureAwait(false);
        if (user is null)
        {
            return WorkflowResult.Refused($"{submission.Bridge.ExternalId}: {submission.RequesterEmail} is not in the directory, so no approver here can be asked.");
        }

        if (!_policy.IsLoaded)
        {
            return WorkflowResult.Refused("access policies are not loaded yet, so nothing can be decided; try again in a minute.");
        }

        if (await _inventory.FindAsync(submission.NodeId, ct).ConfigureAwait(false) is not NodeLookup.Found { Node: var node })
        {
            return WorkflowResult.Refused($"{submission.Bridge.ExternalId}: node {submission.NodeId} is not in the inventory.");
        }

        var now = _committer.Time.GetUtcNow();
        var request = new AccessRequest
        {
            Id = id,
            State = AccessRequestState.Denied,
            RequesterEmail = user.Email,
            RequesterName = user.DisplayName,
            // The requester asked in AWS; their DMs go to the first platform the approvers use.
            OriginPlatform = submission.Channels.Keys.First(),
            NodeId = node.Id,
            NodeName = node.Name,
            Account = node.Account,
            Region = node.Region,
            // The request exists already, so text that would be refused here is replaced by why, never shown as it came.
            Reason = problem is null ? reason is { Length: > 0 } ? reason : "(no reason given)" : $"(not shown: {problem})",
            Duration = _options.AutoApprovalDuration,
            CreatedAt = now,
            Bridge = submission.Bridge,
        };

        var decision = _policy.Decide(user, node);
        var change = decision is PolicyDecision.NeedsApproval manual
            ? await PendingAsync(request, manual, null, now, ct, channelsInstead: submission.Channels).ConfigureAwait(false)
            : new Change(request with { StateReason = $"no manual policy here names approvers for {node.Display}; decide it in {submission.Bridge.System}." },
                new RequestDenied(node.Id, request.Reason, decision.Explanation), "system",
                $"{submission.Bridge.ExternalId} is not put before approvers here: {decision.Explanation}");

        return await _committer.InsertAsync(change.Next!, change, ct).ConfigureAwait(false)
            ? new WorkflowResult(change.Next!.State == AccessRequestState.Pending, change.Message, change.Next with { Version = 1 })
            : WorkflowResult.Refused($"{submission.Bridge.ExternalId} could not be stored (already bridged, or {user.Email} has an open request for {node.Name}).");
    }
}
