using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Ports;

/// <summary>Issues and withdraws access on the real (or simulated) infrastructure.</summary>
public interface IAccessGrantor
{
    /// <summary>Issues the grant; idempotent per request id, so a retried job never grants twice.</summary>
    Task<GrantResult> GrantAsync(AccessRequest request, CancellationToken cancellationToken = default);

    /// <summary>Withdraws the grant and ends its live sessions; idempotent.</summary>
    Task<RevokeResult> RevokeAsync(AccessRequest request, CancellationToken cancellationToken = default);
}

/// <summary>How the requester connects; instructions only, never credentials.</summary>
public sealed record GrantResult(string ConnectInstructions);

/// <summary>What withdrawing a grant ended.</summary>
public sealed record RevokeResult(int SessionsEnded);
