using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Policies.Jitna;

namespace ChatOpsJit.Core.Requests;

/// <summary>
/// Who may ask for more time on a grant, and how much is left to ask for: only the requester, only while the grant is
/// active, within the policy's maximum, never for auto-approved access (JITNA: ask again) or under a policy that says never.
/// </summary>
public static class ExtensionRules
{
    /// <summary>The shortest extension worth asking for.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMinutes(1);

    /// <summary>How much longer the window may still grow under the policy's maximum.</summary>
    public static TimeSpan Allowance(AccessRequest request) => (request.MaxDuration ?? request.Duration) - request.GrantedDuration;

    /// <summary>True when an Extend button makes sense on the requester's cards now.</summary>
    public static bool Offered(AccessRequest request) =>
        request.State == AccessRequestState.Active && !request.AutoApproved && request.ExtensionRule != ExtensionRule.Never &&
        request.PendingExtension is null && Allowance(request) >= Minimum;

    public static ApprovalCheck CheckExtender(AccessRequest request, DirectoryUser? actor)
    {
        if (actor is null || !string.Equals(actor.Email, request.RequesterEmail, StringComparison.OrdinalIgnoreCase))
        {
            return ApprovalCheck.No($"only {request.RequesterEmail}, who asked, can extend request {request.Id}.");
        }

        if (request.State != AccessRequestState.Active)
        {
            return ApprovalCheck.No($"request {request.Id} is {ApprovalRules.Words(request.State)}; only active access can be extended.");
        }

        if (request.AutoApproved)
        {
            return ApprovalCheck.No($"request {request.Id} was approved automatically by policy, and auto-approved access cannot be extended (as in JITNA); ask again with /access when it ends.");
        }

        if (request.ExtensionRule == ExtensionRule.Never)
        {
            return ApprovalCheck.No($"policy '{request.PolicyName}' does not allow extensions; ask again with /access when this one ends.");
        }

        if (request.PendingExtension is { } pending)
        {
            return ApprovalCheck.No($"request {request.Id} already has an extension of {DurationText.Format(pending.By)} waiting for approval.");
        }

        return Allowance(request) >= Minimum
            ? ApprovalCheck.Yes
            : ApprovalCheck.No($"request {request.Id} already has the {DurationText.Format(request.GrantedDuration)} that policy '{request.PolicyName}' allows at most; ask again with /access when it ends.");
    }
}
