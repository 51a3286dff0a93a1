using System.Net;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.Replicas.Tests;

/// <summary>Slash commands and clicks spread over three host processes on one database, as a load balancer spreads them.</summary>
[TestFixture]
[NonParallelizable]
public sealed class RoundRobinTests
{
    [Test]
    public async Task Commands_and_clicks_sent_round_robin_to_three_replicas_give_one_card_one_grant_dm_and_one_email_per_request()
    {
        await using var fleet = await ReplicaFleet.StartAsync(new FleetOptions { Requesters = 6 });
        var requests = new List<(string Requester, string Id)>();
        var turn = 0;
        HostProcess Next() => fleet[(turn++ % 3) + 1];

        for (var i = 1; i <= 6; i++)
        {
            var requester = $"requester{i}@example.com";
            requests.Add((requester, await fleet.RequestAsync(Next(), requester, "web-1 disk full on /var for 2h")));
        }

        foreach (var (_, id) in requests)
        {
            var card = await fleet.WaitForCardAsync(id);
            Assert.That(await fleet.ClickAsync(Next(), "lead@example.com", card, "approve"), Is.EqualTo(HttpStatusCode.OK));
        }

        foreach (var (requester, _) in requests)
        {
            await fleet.Slack.WaitForDirectAsync(requester, m => m.Text!.Contains("Access to web-1: Active"), $"the grant DM to {requester}", TimeSpan.FromSeconds(30));
        }

        // Everything the approvals caused has been delivered and nothing is due: what is counted now is all there will be.
        await fleet.Database.WaitUntilQuietAsync(TimeSpan.FromSeconds(30));
        var states = await fleet.Database.StatesAsync();
        foreach (var (requester, id) in requests)
        {
            Assert.Multiple(async () =>
            {
                Assert.That(states[id], Is.EqualTo("Active"), id);
                Assert.That(fleet.CardCount(id), Is.EqualTo(1), $"one card for {id}, updated in place");
                Assert.That(SlackButtons.Buttons(fleet.Slack.MessagesIn(ReplicaFleet.PlatformChannel).Single(m => m.Text!.Contains(id)).Blocks), Is.Empty,
                    $"the card of {id} was redrawn without buttons");
                Assert.That(fleet.DirectCount(requester, "Access to web-1: Active"), Is.EqualTo(1), $"one grant DM to {requester}");
                Assert.That(fleet.Emails(requester, "Access to web-1: Active"), Has.Count.EqualTo(1), $"one grant email to {requester}");
                Assert.That(await fleet.Database.AuditCountAsync(id, AuditKinds.RequestSubmitted), Is.EqualTo(1));
                Assert.That(await fleet.Database.AuditCountAsync(id, AuditKinds.GrantIssued), Is.EqualTo(1));
            });
        }

        var callers = fleet.Slack.Calls.Where(c => c.Caller is not null).GroupBy(c => c.Caller!).ToDictionary(g => g.Key, g => g.Count());
        TestContext.Out.WriteLine($"Slack Web API calls per replica: {string.Join(", ", callers.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}");
    }
}
