using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using ChatOpsJit.Aws.Clients;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Aws.Bridge;

/// <summary>
/// Finds JITNA access requests waiting for approval in bridge accounts with <c>DescribeOpsItems</c>, every
/// <see cref="AwsOptions.BridgePollInterval"/>: the safety net under the event queue, and the only path without one.
/// </summary>
public sealed class JitnaBridgePoller(AwsClients clients, JitnaBridge bridge, IOptions<AwsOptions> options, TimeProvider time, ILogger<JitnaBridgePoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Accounts.Any(a => a.Mode == AwsGrantMode.Bridge))
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.BridgePollInterval, time);
        do
        {
            try
            {
                await PollOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Polling JITNA for access requests failed: {Error}", AwsErrors.Safe(e));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One pass over every bridge account and Region; returns how many requests were newly put before approvers.</summary>
    public async Task<int> PollOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var bridged = 0;
        foreach (var account in settings.Accounts.Where(a => a.Mode == AwsGrantMode.Bridge))
        {
            foreach (var region in settings.Regions)
            {
                foreach (var item in await PendingAsync(clients.Ssm(account.Id, region), ct).ConfigureAwait(false))
                {
                    bridged += await bridge.BridgeAsync(account, item.OpsItemId, item.Title, item.OperationalData, ct).ConfigureAwait(false) ? 1 : 0;
                }
            }
        }

        return bridged;
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
