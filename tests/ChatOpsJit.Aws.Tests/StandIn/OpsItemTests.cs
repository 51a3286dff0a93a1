using System.Text.Json.Nodes;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using ChatOpsJit.Testing.Aws;
using static ChatOpsJit.Aws.Tests.StandIn.StandInClients;

namespace ChatOpsJit.Aws.Tests.StandIn;

public sealed class OpsItemTests
{
    private const string Requester = "arn:aws:sts::111111111111:assumed-role/Developer/dev@example.com";
    private AwsStandIn standIn = null!;

    [SetUp]
    public async Task Start()
    {
        standIn = await AwsStandIn.StartAsync();
        standIn.AddRole(RoleA);
    }

    [TearDown]
    public async Task Stop() => await standIn.DisposeAsync();

    private static List<OpsItemFilter> PendingAccessRequests() =>
    [
        new() { Key = OpsItemFilterKey.OpsItemType, Values = [AwsStandIn.AccessRequestType], Operator = OpsItemFilterOperator.Equal },
        new() { Key = OpsItemFilterKey.Status, Values = ["PendingApproval"], Operator = OpsItemFilterOperator.Equal },
    ];

    [Test]
    public async Task DescribeOpsItems_pages_the_pending_access_requests_with_their_operational_data()
    {
        var items = Enumerable.Range(0, 3).Select(i => standIn.AddOpsItem(AccountA, "eu-west-1", Requester, $"i-0{i:D16}", $"incident {i}")).ToList();
        standIn.AddOpsItem(AccountA, "eu-west-1", Requester, "i-0ffffffffffffffff", "done already", status: "Approved");
        using var ssm = Ssm(standIn, await AssumeAsync(standIn, RoleA));

        var first = await ssm.DescribeOpsItemsAsync(new DescribeOpsItemsRequest { OpsItemFilters = PendingAccessRequests(), MaxResults = 2 });
        var second = await ssm.DescribeOpsItemsAsync(new DescribeOpsItemsRequest { OpsItemFilters = PendingAccessRequests(), MaxResults = 2, NextToken = first.NextToken });

        var summaries = first.OpsItemSummaries.Concat(second.OpsItemSummaries).ToList();
        Assert.That(summaries.Select(s => s.OpsItemId), Is.EqualTo(items.Select(i => i.OpsItemId)));
        Assert.That(second.NextToken, Is.Null);
        var data = JsonNode.Parse(summaries[1].OperationalData[AwsStandIn.AccessRequestType].Value)!;
        Assert.That(data["automationExecutionId"]!.GetValue<string>(), Is.EqualTo(items[1].AutomationExecutionId));
        Assert.That(data["requesterArn"]!.GetValue<string>(), Is.EqualTo(Requester));
        Assert.That(data["targetId"]!.GetValue<string>(), Is.EqualTo("i-00000000000000001"));
        Assert.That(data["reason"]!.GetValue<string>(), Is.EqualTo("incident 1"));
    }

    [Test]
    public async Task GetOpsItem_answers_the_item_and_an_unknown_id_is_OpsItemNotFound()
    {
        var item = standIn.AddOpsItem(AccountA, "eu-west-1", Requester, "i-00000000000000001", "incident");
        using var ssm = Ssm(standIn, await AssumeAsync(standIn, RoleA));

        var got = await ssm.GetOpsItemAsync(new GetOpsItemRequest { OpsItemId = item.OpsItemId });

        Assert.That((got.OpsItem.Title, got.OpsItem.Description, got.OpsItem.Status.Value), Is.EqualTo((item.Title, "incident", "PendingApproval")));
        Assert.ThrowsAsync<OpsItemNotFoundException>(() => ssm.GetOpsItemAsync(new GetOpsItemRequest { OpsItemId = "oi-000000000000" }));
    }

    [TestCase("Approve", "Approved")]
    [TestCase("Reject", "Rejected")]
    [TestCase("Revoke", "Revoked")]
    public async Task A_signal_moves_the_access_request_to_its_status_and_is_recorded(string signal, string status)
    {
        var item = standIn.AddOpsItem(AccountA, "eu-west-1", Requester, "i-00000000000000001", "incident");
        using var ssm = Ssm(standIn, await AssumeAsync(standIn, RoleA));

        await ssm.SendAutomationSignalAsync(new SendAutomationSignalRequest
        {
            AutomationExecutionId = item.AutomationExecutionId,
            SignalType = signal,
            Payload = new Dictionary<string, List<string>> { ["Comment"] = ["approved in Slack by lead@example.com"] },
        });

        Assert.That(standIn.OpsItems.Single().Status, Is.EqualTo(status));
        var recorded = standIn.Signals.Single();
        Assert.That((recorded.Account, recorded.Region, recorded.AutomationExecutionId, recorded.SignalType), Is.EqualTo((AccountA, "eu-west-1", item.AutomationExecutionId, signal)));
        Assert.That(recorded.Payload["Comment"], Is.EqualTo(new[] { "approved in Slack by lead@example.com" }));
    }

    [Test]
    public async Task A_signal_for_an_unknown_execution_is_AutomationExecutionNotFound()
    {
        using var ssm = Ssm(standIn, await AssumeAsync(standIn, RoleA));

        Assert.ThrowsAsync<AutomationExecutionNotFoundException>(() =>
            ssm.SendAutomationSignalAsync(new SendAutomationSignalRequest { AutomationExecutionId = Guid.NewGuid().ToString(), SignalType = SignalType.Approve }));
        Assert.That(standIn.Signals, Is.Empty);
    }

    [Test]
    public async Task An_execution_of_another_account_is_not_found_from_this_one()
    {
        var item = standIn.AddOpsItem(AccountB, "eu-west-1", Requester, "i-00000000000000001", "incident");
        using var ssm = Ssm(standIn, await AssumeAsync(standIn, RoleA));

        Assert.ThrowsAsync<AutomationExecutionNotFoundException>(() =>
            ssm.SendAutomationSignalAsync(new SendAutomationSignalRequest { AutomationExecutionId = item.AutomationExecutionId, SignalType = SignalType.Approve }));
        Assert.That(standIn.OpsItems.Single().Status, Is.EqualTo("PendingApproval"));
    }
}
