using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Text;

namespace ChatOpsJit.Core.Requests;

/// <summary>
/// Who may approve or reject a request (or an extension of it) right now. The clicker is looked up in the directory at
/// click time; nothing a button carries is trusted. Deadlines are checked by the workflow before these rules.
/// </summary>
public static class ApprovalRules
{
    public static ApprovalCheck CheckApprover(AccessRequest request, string clickerEmail, DirectoryUser? clicker) =>
        request.State != AccessRequestState.Pending ? Closed(request) : Check(request, clickerEmail, clicker, refuseRepeat: true);

    /// <summary>
    /// Who may reject: the same people as may approve the current level now, including one who already approved it and
    /// changed their mind.
    /// </summary>
    public static ApprovalCheck CheckRejecter(AccessRequest request, string clickerEmail, DirectoryUser? clicker) =>
        request.State != AccessRequestState.Pending ? Closed(request) : Check(request, clickerEmail, clicker, refuseRepeat: false);

    /// <summary>Who may approve the level now deciding an extension: the policy's approvers again, in order, never the requester.</summary>
    public static ApprovalCheck CheckExtensionApprover(AccessRequest request, string clickerEmail, DirectoryUser? clicker) =>
        request.PendingExtension is null ? NoExtension(request) : Check(request, clickerEmail, clicker, refuseRepeat: true);

    public static ApprovalCheck CheckExtensionRejecter(AccessRequest request, string clickerEmail, DirectoryUser? clicker) =>
        request.PendingExtension is null ? NoExtension(request) : Check(request, clickerEmail, clicker, refuseRepeat: false);

    private static ApprovalCheck Closed(AccessRequest request) => ApprovalCheck.No(request.DecidedBy is { } by
        ? $"request {request.Id} is already {Words(request.State)} (by {People.Display(request.DecidedByName, by)})."
        : $"request {request.Id} is already {Words(request.State)}.");

    private static ApprovalCheck NoExtension(AccessRequest request) => ApprovalCheck.No(request.State == AccessRequestState.Active
        ? $"request {request.Id} has no extension waiting for approval."
        : $"request {request.Id} is {Words(request.State)}, so there is no extension to decide.");

    private static ApprovalCheck Check(AccessRequest request, string clickerEmail, DirectoryUser? clicker, bool refuseRepeat)
    {
        var round = request.Deciding!.Value;
        if (clicker is null)
        {
            return ApprovalCheck.No($"{clickerEmail} is not in the directory, so cannot approve or reject requests.");
        }

        if (string.Equals(clicker.Email, request.RequesterEmail, StringComparison.OrdinalIgnoreCase))
        {
            return ApprovalCheck.No("you cannot approve or reject your own request.");
        }

        var level = request.Levels[round.Level];
        if (!level.Approvers.Any(clicker.Matches))
        {
            var other = request.Levels.Select((l, i) => (l, i)).FirstOrDefault(x => x.i != round.Level && x.l.Approvers.Any(clicker.Matches));
            return ApprovalCheck.No(other.l is null
                ? $"you are not an approver of request {request.Id}."
                : $"request {request.Id} is waiting for level {round.Level + 1} ({string.Join(", ", level.Approvers)}); you approve at level {other.i + 1}.");
        }

        var earlier = request.Approvals.FirstOrDefault(a => a.Round == round.Round && string.Equals(a.ApproverEmail, clicker.Email, StringComparison.OrdinalIgnoreCase));
        if (refuseRepeat && earlier is not null)
        {
            return ApprovalCheck.No(earlier.Level == round.Level
                ? $"you already approved request {request.Id}; it needs {level.Required - request.ApprovalsAtCurrentLevel.Count()} more approval(s) at level {round.Level + 1}."
                : $"you already approved request {request.Id} at level {earlier.Level + 1}; each level needs different approvers.");
        }

        return ApprovalCheck.Yes;
    }

    /// <summary>
    /// The request after this approval of the level now deciding (of the request, or of its pending extension): the level
    /// completes when it has its required count of distinct approvers. <paramref name="completed"/> is true when that was
    /// the last level, so the request (or extension) is approved.
    /// </summary>
    public static AccessRequest AddApproval(AccessRequest request, DirectoryUser approver, DateTimeOffset at, out bool completed)
    {
        var round = request.Deciding ?? throw new InvalidOperationException($"request {request.Id} has nothing waiting for approval");
        var approvals = request.Approvals.Append(new Approval(round.Level, approver.Email, at, approver.DisplayName, round.Round)).ToList();
        var atLevel = approvals.Count(a => a.Round == round.Round && a.Level == round.Level);
        var levelDone = atLevel >= request.Levels[round.Level].Required;
        var last = round.Level == request.Levels.Count - 1;
        completed = levelDone && last;
        var nextLevel = levelDone && !last ? round.Level + 1 : round.Level;
        if (round.Round == 0)
        {
            return request with
            {
                Approvals = approvals,
                CurrentLevel = nextLevel,
                State = completed ? AccessRequestState.Approved : AccessRequestState.Pending,
                DecidedBy = completed ? approver.Email : request.DecidedBy,
                DecidedByName = completed ? approver.DisplayName : request.DecidedByName,
            };
        }

        var done = completed;
        return request with
        {
            Approvals = approvals,
            Extensions = request.Extensions.Select(e => e.Round != round.Round ? e
                : done ? e with { State = ExtensionState.Approved, CurrentLevel = nextLevel, DecidedBy = approver.Email, DecidedByName = approver.DisplayName, DecidedAt = at }
                : e with { CurrentLevel = nextLevel }).ToList(),
        };
    }

    /// <summary>The requester, or anyone listed as an approver at any level, may revoke an open grant.</summary>
    public static ApprovalCheck CheckRevoker(AccessRequest request, DirectoryUser? actor, bool allowRevokingAutoApproved)
    {
        if (request.State is not (AccessRequestState.Active or AccessRequestState.Approved))
        {
            return ApprovalCheck.No($"request {request.Id} is {Words(request.State)}, not active, so there is nothing to revoke.");
        }

        if (request.AutoApproved && !allowRevokingAutoApproved)
        {
            return ApprovalCheck.No($"request {request.Id} was approved automatically by policy, and auto-approved access cannot be revoked (as in JITNA).");
        }

        if (actor is null)
        {
            return ApprovalCheck.No("you are not in the directory.");
        }

        var mayRevoke = IsRequester(request, actor) || request.Levels.Any(l => l.Approvers.Any(actor.Matches));
        return mayRevoke ? ApprovalCheck.Yes : ApprovalCheck.No($"only the requester or an approver of request {request.Id} can revoke it.");
    }

    /// <summary>
    /// Who may have temporary credentials: only the requester, only while the grant is active and its window open at
    /// <paramref name="now"/> (checked here, not left to the expiry job, which may be late).
    /// </summary>
    public static ApprovalCheck CheckCredentialsTaker(AccessRequest request, DirectoryUser? actor, DateTimeOffset now)
    {
        if (actor is null || !IsRequester(request, actor))
        {
            return ApprovalCheck.No($"only {request.RequesterEmail}, who asked, can get credentials for request {request.Id}.");
        }

        if (request.State != AccessRequestState.Active)
        {
            return ApprovalCheck.No($"request {request.Id} is {Words(request.State)}; credentials are only issued while access is active.");
        }

        if (request.Bridge is { } bridge)
        {
            return ApprovalCheck.No($"{bridge.System} issues the credentials of request {request.Id}: run aws ssm get-access-token --access-request-id {bridge.ExternalId}.");
        }

        return request.ExpiresAt is { } end && end > now
            ? ApprovalCheck.Yes
            : ApprovalCheck.No($"the access window of request {request.Id} closed at {Notifications.RequestCards.When(request.ExpiresAt)}; ask again with /access.");
    }

    public static ApprovalCheck CheckCanceller(AccessRequest request, DirectoryUser? actor)
    {
        if (actor is null || !IsRequester(request, actor))
        {
            return ApprovalCheck.No($"only {request.RequesterEmail}, who asked, can cancel request {request.Id}.");
        }

        if (request.Bridge is { } bridge)
        {
            return ApprovalCheck.No($"request {request.Id} was made in {bridge.System}; cancel it there ({bridge.ExternalId}).");
        }

        return request.State == AccessRequestState.Pending
            ? ApprovalCheck.Yes
            : ApprovalCheck.No($"request {request.Id} is {Words(request.State)}; only pending requests can be cancelled.");
    }

    /// <summary>A state as a status line says it: <c>timed out</c>, <c>active</c>.</summary>
    public static string Words(AccessRequestState state) => state == AccessRequestState.TimedOut ? "timed out" : state.ToString().ToLowerInvariant();

    private static bool IsRequester(AccessRequest request, DirectoryUser person) =>
        string.Equals(person.Email, request.RequesterEmail, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Whether an action is allowed, and if not, why (one line for the person who tried).</summary>
public sealed record ApprovalCheck(bool Allowed, string Reason)
{
    public static ApprovalCheck Yes { get; } = new(true, "");

    public static ApprovalCheck No(string reason) => new(false, reason);
}
