using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Ports;

/// <summary>Durable requests, written only through transitions.</summary>
public interface IAccessRequestStore
{
    /// <summary>
    /// Commits the transition atomically; false when the request changed since it was read, or, on insert, when it exists
    /// or its requester already has an open (pending, approved or active) request for the same node.
    /// </summary>
    Task<bool> TryCommitAsync(Transition transition, CancellationToken cancellationToken = default);

    Task<AccessRequest?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<AccessRequest>> ListAsync(RequestQuery query, CancellationToken cancellationToken = default);

    /// <summary>True when the store answers; for readiness.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);
}

/// <summary>Filters for listing requests; null means any.</summary>
public sealed record RequestQuery(AccessRequestState? State = null, string? RequesterEmail = null, string? NodeId = null, int Limit = 100);
