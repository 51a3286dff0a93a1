using System.Collections.Concurrent;
using Amazon.SimpleSystemsManagement.Model;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Aws.Bridge;

/// <summary>
/// Puts one JITNA access request before the approvers, however it was found (polling or the event queue). Bridging is
/// idempotent in the workflow, so several replicas, or both paths at once, still bridge each request once.
/// </summary>
public sealed class JitnaBridge(AccessWorkflow workflow, ILogger<JitnaBridge> logger)
{
    // Bridged requests are skipped from then on; one that cannot be bridged yet is tried again (the directory or the
    // policies may change) but logged once.
    private readonly ConcurrentDictionary<string, bool> _bridged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _reported = new(StringComparer.Ordinal);

    /// <summary>True when this call put the request before approvers (false: already bridged, or it cannot be).</summary>
    public async Task<bool> BridgeAsync(AwsAccountOptions account, string opsItemId, string? title, IReadOnlyDictionary<string, OpsItemDataValue>? data, CancellationToken ct)
    {
        if (_bridged.ContainsKey(opsItemId))
        {
            return false;
        }

        var (request, problem) = JitnaAccessRequest.From(opsItemId, title, null, data);
        if (request?.RequesterEmail is not { } email)
        {
            Report(opsItemId, problem ?? $"it was made by {request!.RequesterArn}, which is not an IAM Identity Center user signed in by email; decide it in the Systems Manager console");
            return false;
        }

        var channels = account.BridgeChannels.ToDictionary(c => new PlatformName(c.Key), c => c.Value);
        var result = await workflow.SubmitBridgedAsync(
            new BridgedSubmission(new BridgedRequest("JITNA", request.OpsItemId, request.AutomationExecutionId), email, request.NodeId, request.Reason, channels), ct).ConfigureAwait(false);
        if (result.Request is null)
        {
            Report(opsItemId, result.Message);
            return false;
        }

        _bridged[opsItemId] = true;
        logger.LogInformation("JITNA request {OpsItemId} is request {RequestId}: {Message}", opsItemId, result.Request.Id, result.Message);
        return result.Ok && result.Request.Version == 1;
    }

    private void Report(string opsItemId, string why)
    {
        if (_reported.TryAdd(opsItemId, true))
        {
            logger.LogWarning("JITNA request {OpsItemId} is not bridged: {Reason}", opsItemId, why);
        }
    }
}
