namespace ChatOpsJit.Storage;

/// <summary>The sandbox's simulated grants and sessions, durable so a restart ends exactly the sessions that were live.</summary>
public interface ISandboxGrantStore
{
    /// <summary>Records a grant; granting the same request again changes nothing.</summary>
    Task GrantAsync(string requestId, string nodeId, string requester, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Starts a simulated session on a live grant held by <paramref name="requester"/> (any letter case); null when there is none.</summary>
    Task<string?> StartSessionAsync(string requestId, string requester, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Withdraws the grant and ends its live sessions; returns how many were ended (0 the second time).</summary>
    Task<int> WithdrawAsync(string requestId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The grant of a request and how many of its sessions are live; null when it was never granted.</summary>
    Task<SandboxGrantRecord?> FindAsync(string requestId, CancellationToken cancellationToken = default);
}
