using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Aws;

/// <summary>The console flow on the real host against AWS (the stand-in) instead of the sandbox.</summary>
[TestFixture]
[NonParallelizable]
public sealed partial class AwsAccessFlowTests
{
    private static async Task<(AwsCloud Cloud, TestHost Host)> StartAsync(Action<TestHostOptions>? configure = null, int fleet = 0)
    {
        var cloud = await AwsCloud.StartAsync(fleet: fleet);
        var options = new TestHostOptions();
        cloud.Configure(options);
        configure?.Invoke(options);
        return (cloud, await TestHost.StartAsync(options));
    }

    [Test]
    public async Task An_approved_request_mints_a_scoped_token_for_the_requester_and_revoking_it_ends_the_live_session()
    {
        var (cloud, host) = await StartAsync();
        await using var _ = cloud;
        await using var __ = host;
        var id = await Flow.RequestWeb1Async(host);
        await host.ActionAsync(Flow.Approver, "approve", id);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to web-1: Active") == 1, "the grant DM");

        var (response, body) = await host.ActionAsync(Flow.Requester, "credentials", id);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.Error);
        var key = Flow.KeyIdIn(body.Reply!.Code);
        var minted = cloud.Aws.Issued.Single(i => i.AccessKeyId == key);
        var started = cloud.Aws.StartSession(key, "i-0abc1234567890def");
        var elsewhere = cloud.Aws.StartSession(key, "i-0abc1234567890aaa");
        var unrelated = cloud.Aws.AddSession(AwsCloud.Production, "eu-west-1", "i-0abc1234567890def", "arn:aws:sts::111122223333:assumed-role/Admin/someone");

        await host.ActionAsync(Flow.Requester, "revoke", id);
        var withdrawn = await WaitForWithdrawnAsync(host, id);

        var audit = new List<AuditRecord>();
        await foreach (var record in host.Get<IAuditLog>().ReadAsync(id))
        {
            audit.Add(record);
        }

        var transcript = await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to web-1 revoked") == 1, "the revocation DM");
        Assert.Multiple(() =>
        {
            Assert.That(minted.RoleArn, Is.EqualTo(AwsCloud.TokenRole(AwsCloud.Production)));
            Assert.That(minted.SourceIdentity, Is.EqualTo(Flow.Requester));
            Assert.That(minted.RoleSessionName, Is.EqualTo($"chatopsjit-{id}"));
            Assert.That(body.Reply.Code, Does.EndWith("aws ssm start-session --target i-0abc1234567890def --region eu-west-1"));
            Assert.That(started.Started, Is.True, started.Refusal);
            Assert.That(elsewhere.Started, Is.False, "the token reaches the approved node only");
            Assert.That(withdrawn.SessionsEnded, Is.EqualTo(1));
            Assert.That(cloud.Aws.Sessions.Single(s => s.SessionId == started.Session!.SessionId).Terminated, Is.True);
            Assert.That(cloud.Aws.Sessions.Single(s => s.SessionId == unrelated.SessionId).Terminated, Is.False, "someone else's session stays");
            Assert.That(audit.Single(a => a.Kind == AuditKinds.GrantWithdrawn).Data, Does.Contain(started.Session!.SessionId));
            Assert.That(transcript.Entries(Flow.RequesterDm).Last().Card.Text, Does.Contain("1 live session was ended"));
        });
    }

    [Test]
    public async Task The_requester_is_emailed_through_SES_with_a_signed_request()
    {
        var (cloud, host) = await StartAsync();
        await using var _ = cloud;
        await using var __ = host;
        var id = await Flow.RequestWeb1Async(host);
        await host.ActionAsync(Flow.Approver, "approve", id);

        var email = await cloud.Aws.WaitForEmailAsync(e => e.To.Contains(Flow.Requester) && e.Subject.Contains("Active", StringComparison.Ordinal), "the grant email");

        // The SES call that carried this very email (its raw MIME holds the Message-ID), among every SendEmail, refused or not.
        var sends = cloud.Aws.Calls.Where(c => c.Operation == "SendEmail").ToList();
        var call = sends.Single(c => Convert.FromBase64String(System.Text.Json.Nodes.JsonNode.Parse(c.Body)!["Content"]!["Raw"]!["Data"]!.GetValue<string>())
            is var mime && System.Text.Encoding.UTF8.GetString(mime).Contains(email.HeaderMessageId!, StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(email.From, Does.Contain(AwsCloud.From));
            Assert.That(email.Subject, Is.EqualTo("[ChatOpsJit] Access to web-1: Active until " + RequestCardsWhen(host, id)));
            Assert.That(email.HeaderMessageId, Does.Contain(id), "the outbox's idempotency key is the Message-ID");
            Assert.That(sends.Where(c => c.Refused), Is.Empty, "the stand-in checked every SigV4 signature and refused none");
            Assert.That(call.AccessKeyId, Is.EqualTo(cloud.Aws.AccessKeyId), "signed with the bot's own credentials");
        });
    }

    [Test]
    public async Task A_grant_AWS_refuses_fails_the_request_and_tells_the_requester()
    {
        var (cloud, host) = await StartAsync(o =>
        {
            o.Settings["Access:MaxGrantAttempts"] = "2";
            o.Settings["Access:RetryDelay"] = "00:00:01";
        });
        await using var _ = cloud;
        await using var __ = host;
        // Listed first: the inventory role is assumed too, and its credentials are then kept for an hour.
        Assert.That(await host.Get<INodeInventory>().FindAsync("web-1"), Is.TypeOf<Core.Nodes.NodeLookup.Found>());
        cloud.Aws.FailAlways("AssumeRole", Testing.Aws.AwsFault.AccessDenied);
        var id = await Flow.RequestWeb1Async(host);

        await host.ActionAsync(Flow.Approver, "approve", id);
        var failed = await Flow.WaitForStateAsync(host, id, AccessRequestState.Failed, TimeSpan.FromSeconds(30));
        var transcript = await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to web-1 could not be granted") == 1, "the failure DM");

        Assert.Multiple(() =>
        {
            Assert.That(failed.StateReason, Does.Contain("after 2 attempts"));
            Assert.That(cloud.Aws.Calls.Count(c => c.Operation == "AssumeRole" && c.ErrorCode == "AccessDenied"), Is.EqualTo(2), "one call per attempt: access denied is not retried within one");
            Assert.That(cloud.Aws.Issued.Where(i => i.RoleArn == AwsCloud.TokenRole(AwsCloud.Production)), Is.Empty, "never a half-issued grant");
            Assert.That(transcript.Entries(Flow.RequesterDm).Single(e => e.Card.Title == "Access to web-1 could not be granted").Card.Text,
                Does.Contain("after 2 attempts"), "the requester is told why");
        });
    }

    [Test]
    public async Task A_node_Systems_Manager_lost_is_refused_before_any_approver_is_asked()
    {
        var (cloud, host) = await StartAsync();
        await using var _ = cloud;
        await using var __ = host;

        var (response, body) = await host.CommandAsync(Flow.Requester, "/access legacy-batch-1 batch stuck");

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(body.Error, Is.EqualTo("Sorry: legacy-batch-1 (i-0old0000000000001) is not connected (connection lost), so Systems Manager cannot reach it and access would not work; ask again once it is online."));
        Assert.That(await host.Get<IAccessRequestStore>().ListAsync(new RequestQuery(Limit: 10)), Is.Empty);
    }

    [Test]
    public async Task Five_thousand_nodes_over_two_accounts_and_three_regions_are_offered_and_a_shared_name_asks_which()
    {
        var (cloud, host) = await StartAsync(fleet: 5000);
        await using var _ = cloud;
        await using var __ = host;
        var inventory = host.Get<INodeInventory>();
        var shared = cloud.Aws.Nodes.GroupBy(n => n.Name).First(g => g.Count() == 2).ToList();
        var far = cloud.Aws.Nodes.First(n => n.Region == "ap-southeast-2" && n.Account == AwsCloud.Development && n.PingStatus == "Online" && cloud.Aws.Nodes.Count(m => m.Name == n.Name) == 1);

        var page = await inventory.ListAsync(10_000);
        var (response, body) = await host.CommandAsync(Flow.Requester, $"/access {shared[0].Name} check logs");
        var found = await inventory.FindAsync(far.Name);

        Assert.Multiple(() =>
        {
            Assert.That(page.Nodes, Has.Count.EqualTo(5006));
            Assert.That(page.Nodes.Select(n => (n.Account, n.Region)).Distinct().Count(), Is.EqualTo(7), "2 accounts × 3 Regions, and the JITNA account's one");
            Assert.That((int)response.StatusCode, Is.EqualTo(400));
            Assert.That(body.Error, Does.Contain($"'{shared[0].Name}' names 2 nodes").And.Contain(shared[0].Id).And.Contain(shared[1].Id));
            Assert.That(found, Is.TypeOf<Core.Nodes.NodeLookup.Found>());
            Assert.That(((Core.Nodes.NodeLookup.Found)found).Node, Has.Property("Account").EqualTo(AwsCloud.Development).And.Property("Region").EqualTo("ap-southeast-2"));
        });
    }

    private static string RequestCardsWhen(TestHost host, string id) =>
        Core.Notifications.RequestCards.When(host.Get<IAccessRequestStore>().FindAsync(id).GetAwaiter().GetResult()!.ExpiresAt);

    private static async Task<AccessRequest> WaitForWithdrawnAsync(TestHost host, string id)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var request = await host.Get<IAccessRequestStore>().FindAsync(id);
            if (request is { GrantWithdrawn: true })
            {
                return request;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"the grant of {id} was not withdrawn; it is {request?.State}");
            }

            await Task.Delay(50);
        }
    }
}
