using System.Text.RegularExpressions;
using ChatOpsJit.Core.Requests;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Aws;

/// <summary>Expiry ending real sessions, and the JITNA bridge, on the real host against the AWS stand-in.</summary>
[TestFixture]
[NonParallelizable]
public sealed partial class AwsLifecycleTests
{
    private static readonly string JitnaChannel = "channel:" + AwsCloud.JitnaChannel;

    [Test]
    public async Task When_the_window_closes_the_grants_live_sessions_are_ended_and_a_late_token_opens_nothing()
    {
        // One clock for the host and the stand-in, so the session policy's end condition is judged at the host's time.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cloud = await AwsCloud.StartAsync(time);
        var options = new TestHostOptions { Time = time };
        cloud.Configure(options);
        await using var host = await TestHost.StartAsync(options);
        // Ten minutes is shorter than the 15 STS grants at the least, so the keys outlive the window and only the session
        // policy's end can refuse the late session.
        var id = await Flow.RequestWeb1Async(host, "/access web-1 disk full on /var for 10m");
        await host.ActionAsync(Flow.Approver, "approve", id);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to web-1: Active") == 1, "the grant DM");
        var (_, body) = await host.ActionAsync(Flow.Requester, "credentials", id);
        var key = Flow.KeyIdIn(body.Reply!.Code);
        var first = cloud.Aws.StartSession(key, "i-0abc1234567890def");
        var second = cloud.Aws.StartSession(key, "i-0abc1234567890def");

        time.Advance(TimeSpan.FromMinutes(10));
        await Flow.AdvanceUntilAsync(time, TimeSpan.FromSeconds(1),
            async () => Flow.Count(await host.TranscriptAsync(), Flow.RequesterDm, "Access to web-1 expired") == 1, "the expiry DM");
        var transcript = await host.TranscriptAsync();
        var late = cloud.Aws.StartSession(key, "i-0abc1234567890def");

        var request = await Flow.WaitForStateAsync(host, id, AccessRequestState.Expired);
        Assert.Multiple(() =>
        {
            Assert.That(first.Started && second.Started, Is.True);
            Assert.That(cloud.Aws.Sessions.Where(s => s.SessionId == first.Session!.SessionId || s.SessionId == second.Session!.SessionId).Select(s => s.Terminated), Is.EqualTo(new[] { true, true }));
            Assert.That(request.SessionsEnded, Is.EqualTo(2));
            Assert.That(transcript.Entries(Flow.RequesterDm).Last().Card.Text, Does.Contain("2 live sessions were ended"));
            Assert.That(cloud.Aws.Issued.Single(i => i.AccessKeyId == key).Expiration, Is.GreaterThan(time.GetUtcNow()), "the keys themselves are still valid");
            Assert.That(late.Started, Is.False, "the token's own expiry is later, but the session policy ends with the window");
            Assert.That(late.Refusal, Does.Not.StartWith("ExpiredToken"), "refused by the session policy, not by the keys' expiry");
        });
    }

    [Test]
    public async Task A_session_started_after_a_revocation_with_credentials_handed_out_before_it_is_ended_by_the_next_sweep()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cloud = await AwsCloud.StartAsync(time);
        var options = new TestHostOptions { Time = time };
        cloud.Configure(options);
        await using var host = await TestHost.StartAsync(options);
        var id = await Flow.RequestWeb1Async(host);
        await host.ActionAsync(Flow.Approver, "approve", id);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to web-1: Active") == 1, "the grant DM");
        var (_, body) = await host.ActionAsync(Flow.Requester, "credentials", id);
        var key = Flow.KeyIdIn(body.Reply!.Code);
        await host.ActionAsync(Flow.Requester, "revoke", id);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to web-1 revoked") == 1, "the revocation DM");

        // STS cannot recall the key, and its policy allows sessions until the window's end: this one starts.
        var late = cloud.Aws.StartSession(key, "i-0abc1234567890def");
        // The audit record is committed after TerminateSession answers: both are the end state.
        await Flow.AdvanceUntilAsync(time, TimeSpan.FromSeconds(10),
            async () => cloud.Aws.Sessions.Single(s => s.SessionId == late.Session!.SessionId).Terminated
                        && await Flow.AuditCountAsync(host, id, Core.Audit.AuditKinds.SessionsSwept) == 1, "the sweep");

        // Two more sweeps find the session gone: it is neither ended nor audited again.
        var sweeps = cloud.Aws.CallsOf("DescribeSessions").Count;
        await Flow.AdvanceUntilAsync(time, TimeSpan.FromSeconds(30), () => Task.FromResult(cloud.Aws.CallsOf("DescribeSessions").Count >= sweeps + 4), "two more sweeps (each lists twice)");

        Assert.Multiple(async () =>
        {
            Assert.That(late.Started, Is.True, late.Refusal);
            Assert.That(cloud.Aws.CallsOf("TerminateSession").Count(c => c.Body.Contains(late.Session!.SessionId, StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(await Flow.AuditCountAsync(host, id, Core.Audit.AuditKinds.SessionsSwept), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_pending_JITNA_request_is_put_before_the_approvers_once_and_their_decisions_are_signalled_to_its_execution()
    {
        await using var cloud = await AwsCloud.StartAsync();
        var options = new TestHostOptions();
        cloud.Configure(options);
        await using var host = await TestHost.StartAsync(options);

        var rejected = cloud.Aws.AddOpsItem(AwsCloud.JitnaAccount, "eu-west-1", AwsCloud.SsoSession(Flow.Requester), AwsCloud.JitnaNode, "deploy the hotfix");
        var rejectedId = RequestId.For(rejected.OpsItemId);
        var transcript = await host.WaitForTranscriptAsync(t => Flow.Count(t, JitnaChannel, $"Access request {rejectedId}") == 1, "the bridged approval card");
        var card = transcript.Entries(JitnaChannel).Single().Card;
        await host.ActionAsync(Flow.Approver, "reject", rejectedId, input: "use the pipeline");
        var reject = await cloud.Aws.WaitForSignalAsync(s => s.AutomationExecutionId == rejected.AutomationExecutionId, "the Reject signal");

        var approved = cloud.Aws.AddOpsItem(AwsCloud.JitnaAccount, "eu-west-1", AwsCloud.SsoSession(Flow.Requester), AwsCloud.JitnaNode, "deploy the hotfix, again");
        var approvedId = RequestId.For(approved.OpsItemId);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, JitnaChannel, $"Access request {approvedId}") == 1, "the second bridged card");
        await host.ActionAsync(Flow.Approver, "approve", approvedId);
        var approve = await cloud.Aws.WaitForSignalAsync(s => s.AutomationExecutionId == approved.AutomationExecutionId, "the Approve signal");
        transcript = await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to jitna-web-1: Active") == 1, "the bridged grant DM");
        var granted = transcript.Entries(Flow.RequesterDm).Last(e => e.Card.Title.StartsWith("Access to jitna-web-1: Active", StringComparison.Ordinal)).Card;
        await host.ActionAsync(Flow.Requester, "revoke", approvedId);
        var revoke = await cloud.Aws.WaitForSignalAsync(s => s.AutomationExecutionId == approved.AutomationExecutionId && s.SignalType == "Revoke", "the Revoke signal");
        await Flow.WaitUntilQuietAsync(host);
        // Two more polls of every Region after the last decision, so "once" is counted after the bridge looked again.
        var polls = cloud.Aws.CallsOf("DescribeOpsItems").Count;
        await cloud.Aws.WaitForCallAsync(_ => cloud.Aws.CallsOf("DescribeOpsItems").Count >= polls + 2 * AwsCloud.Regions.Count, "two more polls");
        await Flow.WaitUntilQuietAsync(host);
        transcript = await host.TranscriptAsync();

        Assert.Multiple(() =>
        {
            Assert.That(card.Text, Does.Contain($"Bridged from JITNA request {rejected.OpsItemId}: JITNA stays the decision maker and enforcer"));
            Assert.That(Flow.Count(transcript, JitnaChannel, $"Access request {rejectedId}"), Is.EqualTo(1), "one card per JITNA request");
            Assert.That(Flow.Count(transcript, JitnaChannel, $"Access request {approvedId}"), Is.EqualTo(1), "one card per JITNA request");
            Assert.That(reject.SignalType, Is.EqualTo("Reject"));
            Assert.That(reject.Account, Is.EqualTo(AwsCloud.JitnaAccount));
            Assert.That(approve.SignalType, Is.EqualTo("Approve"));
            Assert.That(revoke.SignalType, Is.EqualTo("Revoke"));
            Assert.That(cloud.Aws.Signals.Select(s => (s.AutomationExecutionId, s.SignalType)), Is.EqualTo(new[]
            {
                (rejected.AutomationExecutionId!, "Reject"), (approved.AutomationExecutionId!, "Approve"), (approved.AutomationExecutionId!, "Revoke"),
            }), "each decision signalled once, though the bridge kept polling");
            Assert.That(granted.Actions?.Select(a => a.Verb) ?? [], Has.None.EqualTo("credentials"), "JITNA hands out this grant's credentials");
            Assert.That(granted.Code, Does.Contain($"aws ssm get-access-token --access-request-id {approved.OpsItemId}"));
            Assert.That(cloud.Aws.Issued.Where(i => i.RoleArn.Contains(AwsCloud.JitnaAccount, StringComparison.Ordinal) && !i.RoleArn.EndsWith("Inventory", StringComparison.Ordinal)), Is.Empty);
        });
    }

    [Test]
    public async Task An_EventBridge_event_on_the_bridge_queue_brings_a_JITNA_request_to_the_approvers_without_waiting_for_a_poll()
    {
        await using var cloud = await AwsCloud.StartAsync();
        var options = new TestHostOptions();
        cloud.Configure(options);
        var queue = $"{cloud.Aws.Url}/{AwsCloud.JitnaAccount}/chatopsjit-jitna-events";
        options.Settings["Aws:Accounts:2:BridgeQueueUrl"] = queue;
        options.Settings["Aws:BridgePollInterval"] = "01:00:00";
        await using var host = await TestHost.StartAsync(options);
        // The poller's one pass at start-up is over (one call per Region), so only the event can bring the request now.
        await cloud.Aws.WaitForCallAsync(_ => cloud.Aws.CallsOf("DescribeOpsItems").Count == AwsCloud.Regions.Count, "the start-up poll");

        var item = cloud.Aws.AddOpsItem(AwsCloud.JitnaAccount, "eu-west-1", AwsCloud.SsoSession(Flow.Requester), AwsCloud.JitnaNode, "restart the stuck worker");
        cloud.Aws.SendToQueue(queue, $$$"""
            {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"Approver Access Request Status Update","source":"aws.ssm",
             "account":"{{{AwsCloud.JitnaAccount}}}","region":"eu-west-1","resources":[],"detail":{"access-request-id":"{{{item.OpsItemId}}}"}}
            """);
        var id = RequestId.For(item.OpsItemId);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, JitnaChannel, $"Access request {id}") == 1, "the card the event brought");

        Assert.Multiple(() =>
        {
            Assert.That(cloud.Aws.CallsOf("DescribeOpsItems"), Has.Count.EqualTo(AwsCloud.Regions.Count), "no poll brought it");
            Assert.That(cloud.Aws.CallsOf("GetOpsItem").Select(c => c.Body), Has.Some.Contains(item.OpsItemId), "the event was checked against the OpsItem");
        });
        await WaitForEmptyQueueAsync(cloud, queue);
    }

    private static async Task WaitForEmptyQueueAsync(AwsCloud cloud, string queue)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while (cloud.Aws.QueueDepth(queue) > 0)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail("the event was never deleted from the queue");
            }

            await Task.Delay(25);
        }
    }
}
