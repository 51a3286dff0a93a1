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

/// <summary>What withdrawing a grant ended, and what it could not end (each with why).</summary>
public sealed record RevokeResult(int SessionsEnded)
{
    /// <summary>The ids of the sessions ended, for the audit trail, when the grantor knows them.</summary>
    public IReadOnlyList<string> EndedSessionIds { get; init; } = [];

    /// <summary>Sessions still open after every attempt, as "id: why"; the requester is told and an error is logged.</summary>
    public IReadOnlyList<string> NotEnded { get; init; } = [];

    /// <summary>
    /// Until when credentials handed out before the withdrawal could still start sessions (temporary credentials cannot be
    /// recalled); the workflow withdraws again every minute until then, so a session started late is ended too.
    /// </summary>
    public DateTimeOffset? SweepUntil { get; init; }
}
