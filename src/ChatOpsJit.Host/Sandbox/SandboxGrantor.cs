using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Storage.Sqlite;

namespace ChatOpsJit.Host.Sandbox;

/// <summary>
/// The sandbox's stand-in for AWS: records grants and simulated sessions in the store and ends them on revocation.
/// Nothing here touches a real account.
/// </summary>
public sealed class SandboxGrantor(SandboxGrantStore grants, TimeProvider time, ILogger<SandboxGrantor> logger) : IAccessGrantor
{
    public async Task<GrantResult> GrantAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        await grants.GrantAsync(request.Id, request.NodeId, request.RequesterEmail, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Sandbox grant for {RequestId}: {Requester} on {NodeId}", request.Id, request.RequesterEmail, request.NodeId);
        var region = request.Region.Length > 0 ? $" --region {request.Region}" : "";
        return new GrantResult($"aws ssm start-session --target {request.NodeId}{region}");
    }

    public async Task<RevokeResult> RevokeAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        var ended = await grants.WithdrawAsync(request.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Sandbox grant for {RequestId} withdrawn; {Sessions} session(s) ended", request.Id, ended);
        return new RevokeResult(ended);
    }

    /// <summary>
    /// Simulates <c>aws ssm start-session</c>: only the requester, only while the grant is live (issued and not withdrawn),
    /// as the temporary credentials would allow. Null otherwise.
    /// </summary>
    public Task<string?> StartSessionAsync(string requestId, string requesterEmail, CancellationToken cancellationToken = default) =>
        grants.StartSessionAsync(requestId, requesterEmail, time.GetUtcNow(), cancellationToken);

    public Task<SandboxGrantRecord?> FindAsync(string requestId, CancellationToken cancellationToken = default) =>
        grants.FindAsync(requestId, cancellationToken);
}
