using System.Collections.Concurrent;
using System.Net;
using ChatOpsJit.Core.Audit;

namespace ChatOpsJit.Replicas.Tests;

/// <summary>Each replica stopped gracefully and started again in turn while requests and clicks keep arriving.</summary>
[TestFixture]
[NonParallelizable]
public sealed class RollingRestartTests
{
    private const int Requests = 18;

    [Test]
    public async Task A_rolling_restart_of_all_three_replicas_while_requests_and_clicks_keep_arriving_loses_nothing_and_repeats_nothing()
    {
        await using var fleet = await ReplicaFleet.StartAsync(new FleetOptions { Requesters = Requests });
        var acked = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var approved = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var refused = 0;

        // A load balancer sends each to the next replica that is up; one refused (its replica was stopping) goes to the next.
        async Task<T> SendAsync<T>(Func<HostProcess, Task<T>> send)
        {
            while (true)
            {
                try
                {
                    return await send(fleet.NextReplica());
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref refused);
                    await Task.Delay(50);
                }
            }
        }

        var requesting = Task.Run(async () =>
        {
            for (var i = 1; i <= Requests; i++)
            {
                var requester = $"requester{i}@example.com";
                acked[requester] = await SendAsync(r => fleet.RequestAsync(r, requester, "web-1 disk full on /var for 2h"));
                await Task.Delay(300);
            }
        });
        var clicking = Task.Run(async () =>
        {
            while (approved.Count < Requests)
            {
                foreach (var id in acked.Values.Where(id => !approved.ContainsKey(id)).ToList())
                {
                    if (fleet.Slack.MessagesIn(ReplicaFleet.PlatformChannel).FirstOrDefault(m => m.Text?.Contains(id, StringComparison.Ordinal) == true) is { } card
                        && await SendAsync(r => fleet.ClickAsync(r, "lead@example.com", card, "approve")) == HttpStatusCode.OK)
                    {
                        approved[id] = true;
                    }
                }

                await Task.Delay(100);
            }
        });

        foreach (var replica in fleet.Replicas)
        {
            Assert.That(await replica.StopAsync(), Is.EqualTo(0), $"{replica.Name} stopped gracefully");
            await replica.StartAsync();
        }

        await Task.WhenAll(requesting, clicking).WaitAsync(TimeSpan.FromSeconds(90));
        await ReplicaFleet.WaitForAsync(async () => (await fleet.Database.StatesAsync()).Values.Count(s => s == "Active") == Requests, "every approved request to be granted",
            TimeSpan.FromSeconds(30));
        // Everything the traffic caused has been delivered and nothing is due: what is counted now is all there will be.
        await fleet.Database.WaitUntilQuietAsync(TimeSpan.FromSeconds(30));
        TestContext.Out.WriteLine($"{Requests} requests and {Requests} approvals acked during the restarts; {refused} send(s) refused by a stopping replica and sent to the next");

        var states = await fleet.Database.StatesAsync();
        Assert.That(states.Keys, Is.EquivalentTo(acked.Values), "every acknowledged request exists, and no other");
        foreach (var (requester, id) in acked)
        {
            Assert.Multiple(async () =>
            {
                Assert.That(states[id], Is.EqualTo("Active"), $"{id} was granted");
                Assert.That(await fleet.Database.AuditCountAsync(id, AuditKinds.RequestApproved), Is.EqualTo(1), $"{id} approved once");
                Assert.That(await fleet.Database.AuditCountAsync(id, AuditKinds.GrantIssued), Is.EqualTo(1), $"{id} granted once");
                Assert.That(fleet.CardCount(id), Is.EqualTo(1), $"one card for {id}");
                Assert.That(fleet.DirectCount("ops@example.com", id), Is.EqualTo(1), $"one DM to the other approver about {id}");
                Assert.That(fleet.DirectCount(requester, "Access to web-1: Active"), Is.EqualTo(1), $"one grant DM to {requester}");
                Assert.That(fleet.Emails(requester, "Access to web-1: Active"), Has.Count.EqualTo(1), $"one grant email to {requester}");
            });
        }
    }
}
