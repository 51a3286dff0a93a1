using System.Security.Cryptography;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Storage;

namespace ChatOpsJit.Host.Sandbox;

/// <summary>
/// The sandbox's stand-in for AWS: records grants and simulated sessions in the store and ends them on revocation, and
/// mints obviously fake credentials so the console shows the whole flow. Nothing here touches a real account.
/// </summary>
public sealed class SandboxGrantor(ISandboxGrantStore grants, IAccessRequestStore requests, TimeProvider time, ILogger<SandboxGrantor> logger) : IAccessGrantor, ICredentialIssuer
{
    public async Task<GrantResult> GrantAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        await grants.GrantAsync(request.Id, request.NodeId, request.RequesterEmail, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Sandbox grant for {RequestId}: {Requester} on {NodeId}", request.Id, request.RequesterEmail, request.NodeId);
        return new GrantResult(StartSessionCommand(request));
    }

    public async Task<RevokeResult> RevokeAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        var ended = await grants.WithdrawAsync(request.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Sandbox grant for {RequestId} withdrawn; {Sessions} session(s) ended", request.Id, ended);
        return new RevokeResult(ended);
    }

    /// <summary>Fake credentials in the shape of STS's, random each time (so a leak would be findable), valid until the grant ends.</summary>
    public Task<AccessCredentials> IssueCredentialsAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        var keyId = "ASIASANDBOX" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5))[..9];
        var credentials = new AccessCredentials(
            keyId,
            [
                $"export AWS_ACCESS_KEY_ID={keyId}",
                $"export AWS_SECRET_ACCESS_KEY=sandbox-fake-secret-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}",
                $"export AWS_SESSION_TOKEN=sandbox-fake-session-token-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}",
            ],
            StartSessionCommand(request),
            request.ExpiresAt ?? time.GetUtcNow());
        logger.LogInformation("Sandbox credentials {KeyId} minted for {RequestId}", keyId, request.Id);
        return Task.FromResult(credentials);
    }

    /// <summary>
    /// Simulates <c>aws ssm start-session</c>: only the requester, only while the grant is live (issued and not withdrawn)
    /// and its window open now, as the temporary credentials' end condition would allow. The window is the request's, so
    /// an extension counts at once and a late expiry job does not keep a closed window usable.
    /// </summary>
    public async Task<SandboxSessionStart> StartSessionAsync(string requestId, string requesterEmail, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var request = await requests.FindAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (request is null || !string.Equals(request.RequesterEmail, requesterEmail, StringComparison.OrdinalIgnoreCase))
        {
            return SandboxSessionStart.Refused($"you hold no grant {requestId} in the sandbox, so no session can start.");
        }

        if (request.State != AccessRequestState.Active)
        {
            return SandboxSessionStart.Refused($"request {requestId} is {ApprovalRules.Words(request.State)}; sessions start only while access is active.");
        }

        if (request.ExpiresAt is not { } end || end <= now)
        {
            return SandboxSessionStart.Refused($"the access window of request {requestId} closed at {RequestCards.When(request.ExpiresAt)}; no session can start.");
        }

        var id = await grants.StartSessionAsync(requestId, requesterEmail, now, cancellationToken).ConfigureAwait(false);
        return id is null ? SandboxSessionStart.Refused($"you hold no live grant {requestId} in the sandbox, so no session can start.") : new SandboxSessionStart(id, null);
    }

    public Task<SandboxGrantRecord?> FindAsync(string requestId, CancellationToken cancellationToken = default) =>
        grants.FindAsync(requestId, cancellationToken);

    /// <summary>What the simulated start-session did: the session id, or why none started.</summary>
    public sealed record SandboxSessionStart(string? SessionId, string? Refusal)
    {
        public static SandboxSessionStart Refused(string why) => new(null, why);
    }

    private static string StartSessionCommand(AccessRequest request) =>
        $"aws ssm start-session --target {request.NodeId}" + (request.Region.Length > 0 ? $" --region {request.Region}" : "");
}
