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

    /// <summary>True when an Extend button makes sense on the requester's cards now: the same rules as <see cref="CheckExtender"/>.</summary>
    public static bool Offered(AccessRequest request) => Refusal(request) is null;

    public static ApprovalCheck CheckExtender(AccessRequest request, DirectoryUser? actor) =>
        actor is null || !string.Equals(actor.Email, request.RequesterEmail, StringComparison.OrdinalIgnoreCase)
            ? ApprovalCheck.No($"only {request.RequesterEmail}, who asked, can extend request {request.Id}.")
            : Refusal(request) is { } why ? ApprovalCheck.No(why) : ApprovalCheck.Yes;

    // Why this request cannot be extended by anyone now, or null when its requester may ask.
    private static string? Refusal(AccessRequest request) => request switch
    {
        { State: not AccessRequestState.Active } => $"request {request.Id} is {ApprovalRules.Words(request.State)}; only active access can be extended.",
        { Bridge: { } bridge } => $"request {request.Id} is {bridge.System}'s ({bridge.ExternalId}), and {bridge.System} cannot extend a window; ask again there when it ends.",
        { AutoApproved: true } => $"request {request.Id} was approved automatically by policy, and auto-approved access cannot be extended (as in JITNA); ask again with /access when it ends.",
        { ExtensionRule: ExtensionRule.Never } => $"policy '{request.PolicyName}' does not allow extensions; ask again with /access when this one ends.",
        { PendingExtension: { } pending } => $"request {request.Id} already has an extension of {DurationText.Format(pending.By)} waiting for approval.",
        _ when Allowance(request) < Minimum => $"request {request.Id} already has the {DurationText.Format(request.GrantedDuration)} that policy '{request.PolicyName}' allows at most; ask again with /access when it ends.",
        _ => null,
    };
}
