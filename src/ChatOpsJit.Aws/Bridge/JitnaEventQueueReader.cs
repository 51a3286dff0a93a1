using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.SimpleSystemsManagement.Model;
using Amazon.SQS.Model;
using ChatOpsJit.Aws.Clients;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Aws.Bridge;

/// <summary>
/// Reads each bridge account's <see cref="AwsAccountOptions.BridgeQueueUrl"/>: EventBridge <c>aws.ssm</c> access-request
/// events, long-polled, so a new JITNA request reaches the approvers within seconds instead of at the next poll. Every
/// OpsItem an event names is read back with <c>GetOpsItem</c> (the event is a hint, never trusted) and bridged if it still
/// waits for approval; the message is then deleted. Polling stays on underneath, so a lost event loses nothing.
/// </summary>
public sealed partial class JitnaEventQueueReader(AwsClients clients, JitnaBridge bridge, IOptions<AwsOptions> options, ILogger<JitnaEventQueueReader> logger)
    : BackgroundService
{
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromSeconds(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(options.Value.Accounts.Where(a => a.Mode == AwsGrantMode.Bridge && a.BridgeQueueUrl is not null).Select(a => ReadAsync(a, stoppingToken)));

    private async Task ReadAsync(AwsAccountOptions account, CancellationToken ct)
    {
        var queue = account.BridgeQueueUrl!.ToString();
        var region = QueueRegion(account.BridgeQueueUrl) ?? options.Value.Regions[0];
        var sqs = clients.Sqs(account.Id, region);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue, MaxNumberOfMessages = 10, WaitTimeSeconds = 20 }, ct).ConfigureAwait(false);
                foreach (var message in received.Messages ?? [])
                {
                    await HandleAsync(account, region, message.Body, ct).ConfigureAwait(false);
                    await sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = queue, ReceiptHandle = message.ReceiptHandle }, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Reading JITNA events from {Queue} failed; polling still finds new requests: {Error}", queue, AwsErrors.Safe(e));
                await Task.Delay(PauseAfterFailure, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(AwsAccountOptions account, string queueRegion, string body, CancellationToken ct)
    {
        var region = EventRegion(body) ?? queueRegion;
        foreach (var id in OpsItemIds().Matches(body).Select(m => m.Value).Distinct(StringComparer.Ordinal))
        {
            var item = (await clients.Ssm(account.Id, region).GetOpsItemAsync(new GetOpsItemRequest { OpsItemId = id }, ct).ConfigureAwait(false)).OpsItem;
            if (item?.OpsItemType == JitnaAccessRequest.OpsItemType && item.Status == "PendingApproval")
            {
                await bridge.BridgeAsync(account, item.OpsItemId, item.Title, item.OperationalData, ct).ConfigureAwait(false);
            }
        }
    }

    // An EventBridge event says its Region at the top level.
    private static string? EventRegion(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("region", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // https://sqs.eu-west-1.amazonaws.com/… names its Region; a VPC endpoint or a stand-in may not.
    private static string? QueueRegion(Uri url) => url.Host.Split('.') is ["sqs", var region, ..] ? region : null;

    [GeneratedRegex("oi-[0-9a-f]{12}")]
    private static partial Regex OpsItemIds();
}
