using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Ports;

/// <summary>
/// An optional power of a grantor that bridges another system (JITNA): relaying a rejection, which grants and
/// withdrawals do not cover. Approvals reach it as grants and revocations as withdrawals.
/// </summary>
public interface IDecisionRelay
{
    /// <summary>Tells the owning system that <paramref name="request"/> was rejected; idempotent, retried until it succeeds.</summary>
    Task RelayRejectionAsync(AccessRequest request, CancellationToken cancellationToken = default);
}
