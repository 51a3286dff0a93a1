using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Storage.Shared;

/// <summary>The checks every provider makes on a transition before it writes anything.</summary>
internal static class TransitionRules
{
    public static void Validate(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.ExpectedVersion < 0)
        {
            throw new ArgumentException($"the expected version of request {transition.Request.Id} must be 0 (insert) or more, found {transition.ExpectedVersion}", nameof(transition));
        }

        if (transition.Request.Version != transition.ExpectedVersion + 1)
        {
            throw new ArgumentException(
                $"request {transition.Request.Id} must carry version {transition.ExpectedVersion + 1} (expected version {transition.ExpectedVersion} + 1), " +
                $"found {transition.Request.Version}", nameof(transition));
        }
    }

    // Every record of a request carries the request as this transition leaves it: attached here when the caller did not,
    // and refused when the caller's snapshot is not of the request being written.
    public static AuditEntry Snapshot(Transition transition, string json)
    {
        var snapshot = transition.Audit.Request;
        if (snapshot is null)
        {
            return transition.Audit with { Request = AuditedRequest.Of(transition.Request) };
        }

        if (snapshot.Digest != AuditedRequest.DigestOf(json) || snapshot.Version != transition.Request.Version || snapshot.State != transition.Request.State)
        {
            throw new ArgumentException($"the audit record of request {transition.Request.Id} carries a snapshot of another version of the request", nameof(transition));
        }

        return transition.Audit;
    }
}
