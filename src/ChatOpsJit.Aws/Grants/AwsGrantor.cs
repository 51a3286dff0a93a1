using ChatOpsJit.Aws.Bridge;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Aws.Grants;

/// <summary>
/// The grantor the workflow sees with AWS on: requests bridged from JITNA go to the bridge, every other to the token
/// grantor. A node in a bridge account can only be reached through JITNA, so a chat request for it fails in words.
/// </summary>
public sealed class AwsGrantor(TokenGrantor tokens, JitnaBridgeGrantor bridge, Clients.AwsClients clients) : IAccessGrantor, ICredentialIssuer, IDecisionRelay
{
    public Task<GrantResult> GrantAsync(AccessRequest request, CancellationToken cancellationToken = default) =>
        request.Bridge is not null ? bridge.GrantAsync(request, cancellationToken) : tokens.GrantAsync(ThrowIfBridgeAccount(request), cancellationToken);

    public Task<RevokeResult> RevokeAsync(AccessRequest request, CancellationToken cancellationToken = default) =>
        request.Bridge is not null ? bridge.RevokeAsync(request, cancellationToken)
        : clients.AccountOptions(request.Account).Mode == AwsGrantMode.Bridge ? Task.FromResult(new RevokeResult(0))
        : tokens.RevokeAsync(request, cancellationToken);

    public Task<AccessCredentials> IssueCredentialsAsync(AccessRequest request, CancellationToken cancellationToken = default) =>
        tokens.IssueCredentialsAsync(ThrowIfBridgeAccount(request), cancellationToken);

    public Task RelayRejectionAsync(AccessRequest request, CancellationToken cancellationToken = default) =>
        bridge.RelayRejectionAsync(request, cancellationToken);

    private AccessRequest ThrowIfBridgeAccount(AccessRequest request) =>
        request.Bridge is null && clients.AccountOptions(request.Account).Mode == AwsGrantMode.Bridge
            ? throw new InvalidOperationException($"account {request.Account} grants through JITNA; request access to {request.NodeName} in the Systems Manager console")
            : request;
}
