using ChatOpsJit.Core.Requests;
using ChatOpsJit.Host.Sandbox;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios;

/// <summary>Many approvers clicking at once: exactly one outcome, one grant, one DM, one email.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ConcurrentApprovalTests
{
    [Test]
    public async Task Fifty_concurrent_approvals_give_one_grant_one_dm_and_one_email()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatopsjit-tests", Guid.NewGuid().ToString("N"));
        await using var host = await TestHost.StartAsync(o => o.DirectoryFile = TestDirectories.WithExtraApprovers(folder, 50));
        var id = await Flow.RequestWeb1Async(host);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.ApproversChannel, $"Access request {id}") == 1, "the approval card");

        var clicks = Enumerable.Range(1, 50).Select(i => host.ActionAsync($"approver{i}@example.com", "approve", id)).ToList();
        var results = await Task.WhenAll(clicks);

        Assert.That(results.Count(r => r.Body.Ok), Is.EqualTo(1), "exactly one click approves");
        Assert.That(results.Where(r => !r.Body.Ok).Select(r => r.Body.Error), Has.All.Match("is already (approved|active)"));
        await Flow.WaitForStateAsync(host, id, AccessRequestState.Active);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to web-1: Active") >= 1 && Flow.Count(t, Flow.RequesterMailbox, "Access to web-1: Active") >= 1, "the grant DM and email");
        // Everything the approvals caused has been delivered and nothing is due, so whatever is counted now is all there will be.
        await Flow.WaitUntilQuietAsync(host);
        var transcript = await host.TranscriptAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(Flow.Count(transcript, Flow.RequesterDm, "Access to web-1: Active"), Is.EqualTo(1), "one DM");
            Assert.That(Flow.Count(transcript, Flow.RequesterMailbox, "Access to web-1: Active"), Is.EqualTo(1), "one email");
            Assert.That(await Flow.AuditCountAsync(host, id, "request.approved"), Is.EqualTo(1), "one approval in the audit trail");
            Assert.That(await Flow.AuditCountAsync(host, id, "grant.issued"), Is.EqualTo(1), "one grant");
            Assert.That(await host.Get<SandboxGrantor>().FindAsync(id), Is.Not.Null);
        });
    }

    [Test]
    public async Task Ten_concurrent_submissions_for_one_node_make_one_request()
    {
        await using var host = await TestHost.StartAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => host.CommandAsync(Flow.Requester, "/access web-1 double-clicked enter")));

        Assert.That(replies.Count(r => r.Body.Ok), Is.EqualTo(1));
        Assert.That(replies.Where(r => !r.Body.Ok).Select(r => r.Body.Error), Has.All.Contains("you already have request"));
        var requests = await host.Get<ChatOpsJit.Core.Ports.IAccessRequestStore>().ListAsync(new ChatOpsJit.Core.Ports.RequestQuery(NodeId: "i-0abc1234567890def"));
        Assert.That(requests, Has.Count.EqualTo(1));
    }
}
