using System.Collections.Concurrent;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using ChatOpsJit.Aws.Clients;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Workflow;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Aws.Bridge;

/// <summary>
/// Finds JITNA access requests waiting for approval in bridge accounts (<c>DescribeOpsItems</c>, every
/// <see cref="AwsOptions.BridgePollInterval"/>) and puts each before the approvers once. Bridging is idempotent in the
/// workflow, so several replicas polling together still bridge each request once.
/// </summary>
public sealed class JitnaBridgePoller(AwsClients clients, AccessWorkflow workflow, IOptions<AwsOptions> options, TimeProvider time, ILogger<JitnaBridgePoller> logger)
    : BackgroundService
{
    // Bridged requests are skipped from then on; one that cannot be bridged yet is tried again each poll (the directory or
    // the policies may change) but logged once.
    private readonly ConcurrentDictionary<string, bool> _bridged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _reported = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BridgePollInterval, time);
        do
        {
            try
            {
                await PollOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Polling JITNA for access requests failed: {Error}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One pass over every bridge account and Region; returns how many requests were newly put before approvers.</summary>
    public async Task<int> PollOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var bridged = 0;
        foreach (var account in settings.Accounts.Where(a => a.Grants == AwsGrantMode.Bridge))
        {
            var channels = account.BridgeChannels.ToDictionary(c => new PlatformName(c.Key), c => c.Value);
            foreach (var region in settings.Regions)
            {
                foreach (var item in await PendingAsync(clients.Ssm(account.Id, region), ct).ConfigureAwait(false))
                {
                    bridged += await BridgeAsync(item, channels, ct).ConfigureAwait(false) ? 1 : 0;
                }
            }
        }

        return bridged;
    }

    private async Task<bool> BridgeAsync(OpsItemSummary item, IReadOnlyDictionary<PlatformName, string> channels, CancellationToken ct)
    {
        if (_bridged.ContainsKey(item.OpsItemId))
        {
            return false;
        }

        var (request, problem) = JitnaAccessRequest.From(item.OpsItemId, item.Title, null, item.OperationalData);
        if (request?.RequesterEmail is not { } email)
        {
            Report(item.OpsItemId, problem ?? $"JITNA request {item.OpsItemId} was made by {request!.RequesterArn}, which names no person by email; decide it in the Systems Manager console");
            return false;
        }

        var result = await workflow.SubmitBridgedAsync(
            new BridgedSubmission(new BridgedRequest("JITNA", request.OpsItemId, request.AutomationExecutionId), email, request.NodeId, request.Reason, channels), ct).ConfigureAwait(false);
        if (result.Request is not null)
        {
            _bridged[item.OpsItemId] = true;
            logger.LogInformation("JITNA request {OpsItemId} is request {RequestId}: {Message}", item.OpsItemId, result.Request.Id, result.Message);
            return result.Ok && result.Request.Version == 1;
        }

        Report(item.OpsItemId, result.Message);
        return false;
    }

    private void Report(string opsItemId, string why)
    {
        if (_reported.TryAdd(opsItemId, true))
        {
            logger.LogWarning("JITNA request {OpsItemId} is not bridged: {Reason}", opsItemId, why);
        }
    }

    private static async Task<List<OpsItemSummary>> PendingAsync(IAmazonSimpleSystemsManagement ssm, CancellationToken ct)
    {
        var found = new List<OpsItemSummary>();
        string? next = null;
        do
        {
            var page = await ssm.DescribeOpsItemsAsync(new DescribeOpsItemsRequest
            {
                OpsItemFilters =
                [
                    new OpsItemFilter { Key = OpsItemFilterKey.OpsItemType, Operator = OpsItemFilterOperator.Equal, Values = [JitnaAccessRequest.OpsItemType] },
                    new OpsItemFilter { Key = OpsItemFilterKey.Status, Operator = OpsItemFilterOperator.Equal, Values = ["PendingApproval"] },
                ],
                MaxResults = 50,
                NextToken = next,
            }, ct).ConfigureAwait(false);
            found.AddRange(page.OpsItemSummaries ?? []);
            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));

        return found;
    }
}
