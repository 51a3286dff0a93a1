using Amazon.SecurityToken.Model;
using ChatOpsJit.Aws.Clients;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Aws.Grants;

/// <summary>
/// Grants as JITNA's <c>GetAccessToken</c> does: temporary credentials of the account's token role, narrowed by a session
/// policy to the approved node until the grant's end. Nothing is kept: each press of "Get credentials" mints fresh ones,
/// and withdrawing the grant ends its sessions (which JITNA leaves running).
/// </summary>
public sealed class TokenGrantor(AwsClients clients, SessionTerminator sessions, IOptions<AwsOptions> options, TimeProvider time, ILogger<TokenGrantor> logger)
    : IAccessGrantor, ICredentialIssuer
{
    private const int ShortestToken = 900;
    private const int LongestToken = 3600;

    /// <summary>
    /// Proves the grant can be issued (the role is assumable with this policy and this source identity) by minting a token
    /// and dropping it unseen: a grant that cannot be issued fails here, where the workflow retries and then says so.
    /// </summary>
    public async Task<GrantResult> GrantAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        var token = await AssumeAsync(request, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Token grant for {RequestId}: {Requester} on {NodeId} in {Account}/{Region} as {AssumedRole}",
            request.Id, request.RequesterEmail, request.NodeId, request.Account, request.Region, token.AssumedRoleUser?.Arn);
        return new GrantResult($"Press \"Get credentials\", paste the export lines into a shell, then run: {StartSessionCommand(request)}");
    }

    /// <remarks>
    /// A token minted before now may start sessions until the earlier of its own expiry (at most an hour from now) and the
    /// grant's end, so the workflow is asked to sweep until then.
    /// </remarks>
    public async Task<RevokeResult> RevokeAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        var ended = await sessions.EndAsync(request, Owner(request), cancellationToken).ConfigureAwait(false);
        var lastUsable = time.GetUtcNow() + TimeSpan.FromSeconds(LongestToken);
        return ended with { SweepUntil = request.ExpiresAt is { } end && end < lastUsable ? end : lastUsable };
    }

    public async Task<AccessCredentials> IssueCredentialsAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        var c = (await AssumeAsync(request, cancellationToken).ConfigureAwait(false)).Credentials;
        var expires = new DateTimeOffset(DateTime.SpecifyKind(c.Expiration ?? default, DateTimeKind.Utc));
        // The session policy stops the token at the grant's end, whatever STS's expiry says; the shorter one is the truth.
        var usableUntil = request.ExpiresAt is { } end && end < expires ? end : expires;
        logger.LogInformation("Credentials {KeyId} minted for {RequestId}, usable until {Until:u}", c.AccessKeyId, request.Id, usableUntil);
        return new AccessCredentials(
            c.AccessKeyId,
            [
                $"export AWS_ACCESS_KEY_ID={c.AccessKeyId}",
                $"export AWS_SECRET_ACCESS_KEY={c.SecretAccessKey}",
                $"export AWS_SESSION_TOKEN={c.SessionToken}",
                $"export AWS_REGION={request.Region}",
            ],
            StartSessionCommand(request),
            usableUntil);
    }

    private async Task<AssumeRoleResponse> AssumeAsync(AccessRequest request, CancellationToken ct)
    {
        var account = clients.AccountOptions(request.Account);
        var role = account.TokenRoleArn ?? throw new InvalidOperationException($"account {request.Account} has no Aws:Accounts TokenRoleArn");
        var end = request.ExpiresAt ?? throw new InvalidOperationException($"request {request.Id} has no end, so no token can be scoped to it");
        var remaining = (int)Math.Ceiling((end - time.GetUtcNow()).TotalSeconds);
        if (remaining <= 0)
        {
            throw new InvalidOperationException($"the window of request {request.Id} closed at {end:u}; no token is minted after it");
        }

        var partition = RoleArns.Partition(role);
        var sessionName = RoleSessionNames.For(request.Id);
        var assume = new AssumeRoleRequest
        {
            RoleArn = role,
            RoleSessionName = sessionName,
            // STS's shortest is 15 minutes; the session policy's end condition cuts a longer token off at the grant's end.
            DurationSeconds = Math.Clamp(remaining, ShortestToken, LongestToken),
            SourceIdentity = request.RequesterEmail,
            Policy = SessionPolicy.For(
                NodeArns.Node(partition, request.Region, request.Account, request.NodeId),
                NodeArns.Document(partition, request.Region, request.Account, options.Value.SessionDocument),
                NodeArns.OwnSessions(partition, request.Region, request.Account, sessionName),
                end),
        };
        if (request.RunAs is { Length: > 0 } runAs)
        {
            assume.Tags = [new Tag { Key = "SSMSessionRunAs", Value = runAs }];
        }

        return await clients.Sts(request.Region).AssumeRoleAsync(assume, ct).ConfigureAwait(false);
    }

    private string Owner(AccessRequest request)
    {
        var role = clients.AccountOptions(request.Account).TokenRoleArn ?? "";
        return NodeArns.AssumedRole(RoleArns.Partition(role), request.Account, role, RoleSessionNames.For(request.Id));
    }

    private static string StartSessionCommand(AccessRequest request) => $"aws ssm start-session --target {request.NodeId} --region {request.Region}";
}
