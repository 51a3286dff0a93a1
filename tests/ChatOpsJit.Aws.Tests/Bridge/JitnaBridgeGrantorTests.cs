using ChatOpsJit.Core.Requests;
using ChatOpsJit.Testing.Aws;
using static ChatOpsJit.Aws.Tests.AwsAdapterWorld;

namespace ChatOpsJit.Aws.Tests.Bridge;

/// <summary>Chat decisions on bridged requests relayed to JITNA's Automation execution as SendAutomationSignal.</summary>
public sealed class JitnaBridgeGrantorTests
{
    private const string Node = "i-0aaaaaaaaaaaaaaa1";
    private const string Requester = $"arn:aws:sts::{AccountB}:assumed-role/AWSReservedSSO_Operator_0123456789abcdef/jane.doe@example.com";
    private AwsAdapterWorld world = null!;
    private AwsOpsItem item = null!;

    [SetUp]
    public async Task Start()
    {
        world = await AwsAdapterWorld.StartAsync();
        world.StandIn.AddNode(new AwsNode(AccountB, "eu-west-1", Node, "web-0001"));
        item = world.StandIn.AddOpsItem(AccountB, "eu-west-1", Requester, Node, "INC-4242 disk full");
    }

    [TearDown]
    public async Task Stop() => await world.DisposeAsync();

    private AccessRequest Bridged(AccessRequestState state) =>
        world.Request(Node, TimeSpan.FromHours(1), account: AccountB, state: state, bridge: new BridgedRequest("JITNA", item.OpsItemId, item.AutomationExecutionId!));

    private string Status => world.StandIn.OpsItems.Single(o => o.OpsItemId == item.OpsItemId).Status;

    [Test]
    public async Task GrantAsync_sends_one_Approve_signal_to_the_OpsItems_execution_and_a_second_GrantAsync_sends_none()
    {
        var bridge = world.Bridge();
        var request = Bridged(AccessRequestState.Approved);

        var result = await bridge.GrantAsync(request, CancellationToken.None);

        var signal = world.StandIn.Signals.Single();
        Assert.That((signal.SignalType, signal.AutomationExecutionId, signal.Account, signal.Region), Is.EqualTo(("Approve", item.AutomationExecutionId, AccountB, "eu-west-1")));
        Assert.That(Status, Is.EqualTo("Approved"));
        Assert.That(result.ConnectInstructions, Does.Contain($"--access-request-id {item.OpsItemId}"));

        await bridge.GrantAsync(request, CancellationToken.None);

        Assert.That(world.StandIn.Signals, Has.Count.EqualTo(1), "the OpsItem is Approved already");
        Assert.That(world.StandIn.CallsOf("SendAutomationSignal"), Has.Count.EqualTo(1));
        Assert.That(world.StandIn.CallsOf("GetOpsItem"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task RelayRejectionAsync_sends_Reject()
    {
        await world.Bridge().RelayRejectionAsync(Bridged(AccessRequestState.Rejected), CancellationToken.None);

        Assert.That(world.StandIn.Signals.Select(s => (s.SignalType, s.AutomationExecutionId)), Is.EqualTo(new[] { ("Reject", item.AutomationExecutionId) }));
        Assert.That(Status, Is.EqualTo("Rejected"));
    }

    [Test]
    public async Task RevokeAsync_of_a_revoked_request_sends_Revoke()
    {
        var bridge = world.Bridge();
        await bridge.GrantAsync(Bridged(AccessRequestState.Approved), CancellationToken.None);

        var result = await bridge.RevokeAsync(Bridged(AccessRequestState.Revoked), CancellationToken.None);

        Assert.That(world.StandIn.Signals.Select(s => s.SignalType), Is.EqualTo(new[] { "Approve", "Revoke" }));
        Assert.That(world.StandIn.Signals[1].AutomationExecutionId, Is.EqualTo(item.AutomationExecutionId));
        Assert.That(Status, Is.EqualTo("Revoked"));
        Assert.That(result.SessionsEnded, Is.EqualTo(0));
    }

    [Test]
    public async Task RevokeAsync_of_an_expired_request_sends_nothing()
    {
        var bridge = world.Bridge();
        await bridge.GrantAsync(Bridged(AccessRequestState.Approved), CancellationToken.None);

        await bridge.RevokeAsync(Bridged(AccessRequestState.Expired), CancellationToken.None);

        Assert.That(world.StandIn.Signals.Select(s => s.SignalType), Is.EqualTo(new[] { "Approve" }));
        Assert.That(Status, Is.EqualTo("Approved"));
    }

    [Test]
    public void A_request_that_is_not_bridged_is_refused_without_a_call()
    {
        Assert.ThrowsAsync<InvalidOperationException>(() => world.Bridge().GrantAsync(world.Request(Node, TimeSpan.FromHours(1), account: AccountB), CancellationToken.None));
        Assert.That(world.StandIn.Calls, Is.Empty);
    }
}
