using ChatOpsJit.Core.Identity;

namespace ChatOpsJit.Core.Requests;

/// <summary>
/// Who may approve or reject a request right now. The clicker is looked up in the directory at click time;
/// nothing a button carries is trusted.
/// </summary>
public static class ApprovalRules
{
    public static ApprovalCheck CheckApprover(AccessRequest request, string clickerEmail, DirectoryUser? clicker) =>
        Check(request, clickerEmail, clicker, refuseRepeat: true);

    /// <summary>
    /// Who may reject: the same people as may approve the current level now, including one who already approved it and
    /// changed their mind.
    /// </summary>
    public static ApprovalCheck CheckRejecter(AccessRequest request, string clickerEmail, DirectoryUser? clicker) =>
        Check(request, clickerEmail, clicker, refuseRepeat: false);

    private static ApprovalCheck Check(AccessRequest request, string clickerEmail, DirectoryUser? clicker, bool refuseRepeat)
    {
        if (request.State != AccessRequestState.Pending)
        {
            return ApprovalCheck.No(request.DecidedBy is { } by
                ? $"request {request.Id} is already {request.State.ToString().ToLowerInvariant()} (by {by})."
                : $"request {request.Id} is already {request.State.ToString().ToLowerInvariant()}.");
        }

        if (clicker is null)
        {
            return ApprovalCheck.No($"{clickerEmail} is not in the directory, so cannot approve or reject requests.");
        }

        if (string.Equals(clicker.Email, request.RequesterEmail, StringComparison.OrdinalIgnoreCase))
        {
            return ApprovalCheck.No("you cannot approve or reject your own request.");
        }

        var level = request.Levels[request.CurrentLevel];
        if (!level.Approvers.Any(clicker.Matches))
        {
            var other = request.Levels.Select((l, i) => (l, i)).FirstOrDefault(x => x.i != request.CurrentLevel && x.l.Approvers.Any(clicker.Matches));
            return ApprovalCheck.No(other.l is null
                ? $"you are not an approver of request {request.Id}."
                : $"request {request.Id} is waiting for level {request.CurrentLevel + 1} ({string.Join(", ", level.Approvers)}); you approve at level {other.i + 1}.");
        }

        if (refuseRepeat && request.Approvals.FirstOrDefault(a => string.Equals(a.ApproverEmail, clicker.Email, StringComparison.OrdinalIgnoreCase)) is { } earlier)
        {
            return ApprovalCheck.No(earlier.Level == request.CurrentLevel
                ? $"you already approved request {request.Id}; it needs {level.Required - request.ApprovalsAtCurrentLevel.Count()} more approval(s) at level {request.CurrentLevel + 1}."
                : $"you already approved request {request.Id} at level {earlier.Level + 1}; each level needs different approvers.");
        }

        return ApprovalCheck.Yes;
    }

    /// <summary>The request after this approval: the level completes when it has its required count of distinct approvers.</summary>
    public static AccessRequest AddApproval(AccessRequest request, DirectoryUser approver, DateTimeOffset at)
    {
        var approvals = request.Approvals.Append(new Approval(request.CurrentLevel, approver.Email, at)).ToList();
        var atLevel = approvals.Count(a => a.Level == request.CurrentLevel);
        var levelDone = atLevel >= request.Levels[request.CurrentLevel].Required;
        var last = request.CurrentLevel == request.Levels.Count - 1;
        return request with
        {
            Approvals = approvals,
            CurrentLevel = levelDone && !last ? request.CurrentLevel + 1 : request.CurrentLevel,
            State = levelDone && last ? AccessRequestState.Approved : AccessRequestState.Pending,
            DecidedBy = levelDone && last ? approver.Email : request.DecidedBy,
        };
    }

    /// <summary>The requester, or anyone listed as an approver at any level, may revoke an open grant.</summary>
    public static ApprovalCheck CheckRevoker(AccessRequest request, DirectoryUser? actor, bool allowRevokingAutoApproved)
    {
        if (request.State is not (AccessRequestState.Active or AccessRequestState.Approved))
        {
            return ApprovalCheck.No($"request {request.Id} is {request.State.ToString().ToLowerInvariant()}, not active, so there is nothing to revoke.");
        }

        if (request.AutoApproved && !allowRevokingAutoApproved)
        {
            return ApprovalCheck.No($"request {request.Id} was approved automatically by policy, and auto-approved access cannot be revoked (as in JITNA).");
        }

        if (actor is null)
        {
            return ApprovalCheck.No("you are not in the directory.");
        }

        var mayRevoke = string.Equals(actor.Email, request.RequesterEmail, StringComparison.OrdinalIgnoreCase) ||
                        request.Levels.Any(l => l.Approvers.Any(actor.Matches));
        return mayRevoke ? ApprovalCheck.Yes : ApprovalCheck.No($"only the requester or an approver of request {request.Id} can revoke it.");
    }

    /// <summary>
    /// Who may have temporary credentials: only the requester, only while the grant is active and its window open at
    /// <paramref name="now"/> (checked here, not left to the expiry job, which may be late).
    /// </summary>
    public static ApprovalCheck CheckCredentialsTaker(AccessRequest request, DirectoryUser? actor, DateTimeOffset now)
    {
        if (actor is null || !string.Equals(actor.Email, request.RequesterEmail, StringComparison.OrdinalIgnoreCase))
        {
            return ApprovalCheck.No($"only {request.RequesterEmail}, who asked, can get credentials for request {request.Id}.");
        }

        if (request.State != AccessRequestState.Active)
        {
            return ApprovalCheck.No($"request {request.Id} is {request.State.ToString().ToLowerInvariant()}; credentials are only issued while access is active.");
        }

        return request.ExpiresAt is { } end && end > now
            ? ApprovalCheck.Yes
            : ApprovalCheck.No($"the access window of request {request.Id} closed at {Notifications.RequestCards.When(request.ExpiresAt)}; ask again with /access.");
    }

    public static ApprovalCheck CheckCanceller(AccessRequest request, string actorEmail)
    {
        if (!string.Equals(actorEmail, request.RequesterEmail, StringComparison.OrdinalIgnoreCase))
        {
            return ApprovalCheck.No($"only {request.RequesterEmail}, who asked, can cancel request {request.Id}.");
        }

        return request.State == AccessRequestState.Pending
            ? ApprovalCheck.Yes
            : ApprovalCheck.No($"request {request.Id} is {request.State.ToString().ToLowerInvariant()}; only pending requests can be cancelled.");
    }
}

/// <summary>Whether an action is allowed, and if not, why (one line for the person who tried).</summary>
public sealed record ApprovalCheck(bool Allowed, string Reason)
{
    public static ApprovalCheck Yes { get; } = new(true, "");

    public static ApprovalCheck No(string reason) => new(false, reason);
}
