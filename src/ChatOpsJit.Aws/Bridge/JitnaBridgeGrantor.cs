using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using ChatOpsJit.Aws.Clients;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Aws.Bridge;

/// <summary>
/// Relays chat decisions on bridged requests to JITNA with <c>SendAutomationSignal</c>: an approval as <c>Approve</c>, a
/// rejection as <c>Reject</c>, a revocation as <c>Revoke</c>. JITNA issues the credentials and closes the window itself,
/// so an expiry sends nothing. A signal is sent only while the OpsItem is not yet in the state it leads to, so a retried
/// job never signals twice.
/// </summary>
public sealed class JitnaBridgeGrantor(AwsClients clients, ILogger<JitnaBridgeGrantor> logger)
{
    public async Task<GrantResult> GrantAsync(AccessRequest request, CancellationToken ct)
    {
        var bridge = Bridged(request);
        await SignalAsync(request, "Approve", OpsItemStatus.Approved, ct).ConfigureAwait(false);
        return new GrantResult($"aws ssm get-access-token --access-request-id {bridge.ExternalId} --region {request.Region}   # then export the credentials it returns and run: aws ssm start-session --target {request.NodeId} --region {request.Region}");
    }

    public async Task<RevokeResult> RevokeAsync(AccessRequest request, CancellationToken ct)
    {
        if (request.State == AccessRequestState.Revoked)
        {
            await SignalAsync(request, "Revoke", OpsItemStatus.Revoked, ct).ConfigureAwait(false);
        }

        // JITNA does not end live sessions, and ChatOpsJit holds no token of this grant to find them by.
        return new RevokeResult(0);
    }

    public Task RelayRejectionAsync(AccessRequest request, CancellationToken ct) => SignalAsync(request, "Reject", OpsItemStatus.Rejected, ct);

    private async Task SignalAsync(AccessRequest request, string signal, OpsItemStatus after, CancellationToken ct)
    {
        var bridge = Bridged(request);
        var ssm = clients.Ssm(request.Account, request.Region);
        var item = await ssm.GetOpsItemAsync(new GetOpsItemRequest { OpsItemId = bridge.ExternalId }, ct).ConfigureAwait(false);
        if (item.OpsItem?.Status == after)
        {
            logger.LogInformation("JITNA request {OpsItemId} is already {Status}; no {Signal} signal sent for {RequestId}", bridge.ExternalId, after.Value, signal, request.Id);
            return;
        }

        await ssm.SendAutomationSignalAsync(new SendAutomationSignalRequest { AutomationExecutionId = bridge.ExecutionId, SignalType = new SignalType(signal) }, ct).ConfigureAwait(false);
        logger.LogInformation("Sent {Signal} to JITNA execution {ExecutionId} ({OpsItemId}) for request {RequestId}", signal, bridge.ExecutionId, bridge.ExternalId, request.Id);
    }

    private static BridgedRequest Bridged(AccessRequest request) =>
        request.Bridge ?? throw new InvalidOperationException($"request {request.Id} is not bridged from JITNA");
}
