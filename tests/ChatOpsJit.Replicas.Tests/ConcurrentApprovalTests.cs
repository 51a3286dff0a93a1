using System.Net;
using ChatOpsJit.Core.Audit;

namespace ChatOpsJit.Replicas.Tests;

/// <summary>Fifty approvers clicking Approve on one request at once, their clicks spread over three replicas.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ConcurrentApprovalTests
{
    [Test]
    public async Task Fifty_simultaneous_approvals_over_three_replicas_give_one_grant_one_grant_dm_and_one_email()
    {
        await using var fleet = await ReplicaFleet.StartAsync(new FleetOptions { Approvers = 50 });
        var id = await fleet.RequestAsync(fleet[1], "dev@example.com", "web-1 disk full on /var for 2h");
        var card = await fleet.WaitForCardAsync(id);
        // The card and the 50 approvers' DMs and emails are out before anyone clicks, so the clicks race only each other.
        await fleet.Database.WaitUntilQuietAsync(TimeSpan.FromSeconds(60));

        var clickedAt = DateTimeOffset.UtcNow;
        var clicks = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => fleet.ClickAsync(fleet[(i % 3) + 1], $"approver{i}@example.com", card, "approve")));

        Assert.That(clicks, Has.All.EqualTo(HttpStatusCode.OK), "every click is acked");
        // Each clicker is answered privately: one approved it, the other 49 are told it is already decided.
        await ReplicaFleet.WaitForAsync(() => Task.FromResult(Answers(fleet, clickedAt).Count >= 50), "an answer to each of the 50 clickers", TimeSpan.FromSeconds(30));
        var answers = Answers(fleet, clickedAt);
        Assert.That(answers.Count(a => a.Contains($"request {id} is already", StringComparison.Ordinal)), Is.EqualTo(49), string.Join("\n", answers));
        await fleet.Slack.WaitForDirectAsync("dev@example.com", m => m.Text!.Contains("Access to web-1: Active"), "the grant DM", TimeSpan.FromSeconds(30));
        await ReplicaFleet.WaitForAsync(() => Task.FromResult(fleet.Emails("dev@example.com", "Access to web-1: Active").Count > 0), "the grant email", TimeSpan.FromSeconds(30));
        // Everything the clicks caused has been delivered and nothing is due: what is counted now is all there will be.
        await fleet.Database.WaitUntilQuietAsync(TimeSpan.FromSeconds(60));
        Assert.Multiple(async () =>
        {
            Assert.That((await fleet.Database.StatesAsync())[id], Is.EqualTo("Active"));
            Assert.That(await fleet.Database.AuditCountAsync(id, AuditKinds.RequestApproved), Is.EqualTo(1), "one approval in the audit trail");
            Assert.That(await fleet.Database.AuditCountAsync(id, AuditKinds.GrantIssued), Is.EqualTo(1), "one grant");
            Assert.That(fleet.DirectCount("dev@example.com", "Access to web-1: Active"), Is.EqualTo(1), "one grant DM");
            Assert.That(fleet.Emails("dev@example.com", "Access to web-1: Active"), Has.Count.EqualTo(1), "one grant email");
            Assert.That(fleet.CardCount(id), Is.EqualTo(1), "one card, updated in place");
        });
    }

    // Every response_url answer since the clicks began: only the clickers were given response_urls then.
    private static List<string> Answers(ReplicaFleet fleet, DateTimeOffset since) =>
        fleet.Slack.ResponseUrlPosts.Where(p => p.ReceivedAt >= since).Select(p => p.Body.ToJsonString()).ToList();
}
