using System.Diagnostics;
using ChatOpsJit.Core.Audit;

namespace ChatOpsJit.Replicas.Tests;

/// <summary>A replica killed (SIGKILL) in the middle of its work: the others finish it, each thing once.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ReplicaKillTests
{
    private const int Requests = 12;

    [Test]
    public async Task A_replica_killed_while_it_holds_claimed_notifications_and_due_jobs_leaves_the_survivors_to_deliver_and_expire_everything_once()
    {
        await using var fleet = await ReplicaFleet.StartAsync(new FleetOptions { Requesters = Requests, BatchSize = 50 });
        var victim = fleet[2];
        var survivors = new[] { fleet[1], fleet[3] };
        var requests = await GrantOneMinuteEachAsync(fleet);
        var expiries = await fleet.Database.DueTimesAsync("Expire");
        Assert.That(expiries.Keys, Is.EquivalentTo(requests.Select(r => r.Id)), "each grant has its expiry job");

        // Just before the first window closes every replica is frozen; the victim alone is let go once every expiry is due,
        // with its Slack calls held, so what is claimed from then on is claimed by the victim and stays claimed.
        await DelayUntilAsync(expiries.Values.Min() - TimeSpan.FromSeconds(1));
        await fleet.FreezeAllAsync();
        Assert.Multiple(async () =>
        {
            // So whatever is claimed from here on was claimed by the victim.
            Assert.That(await fleet.Database.LeasedJobsAsync(), Is.Empty, "no job is claimed when every replica is frozen");
            Assert.That(await fleet.Database.LeasedOutboxAsync(), Is.Empty, "no notification is claimed when every replica is frozen");
            Assert.That(await fleet.Database.DueJobsAsync(), Is.Zero, "no window has closed yet");
        });
        var heldFrom = DateTimeOffset.UtcNow;
        fleet.Slack.Hold(victim.Name);
        await DelayUntilAsync(expiries.Values.Max() + TimeSpan.FromMilliseconds(300));
        victim.Resume();
        var (jobsAtKill, outboxAtKill, heldAtKill) = await FreezeWhileHoldingAsync(fleet, victim);
        await victim.KillAsync();
        TestContext.Out.WriteLine($"at the kill {victim.Name} held {jobsAtKill.Count} claimed job(s) ({string.Join(", ", jobsAtKill.Select(j => j.Kind).Distinct())}), " +
            $"{outboxAtKill.Count} claimed notification(s) ({string.Join(", ", outboxAtKill.Select(o => o.Kind).Distinct())}) and {heldAtKill} Slack call(s) in flight");

        foreach (var survivor in survivors)
        {
            survivor.Resume();
        }

        await ReplicaFleet.WaitForAsync(async () => (await fleet.Database.StatesAsync()).Values.All(s => s == "Expired"), "every request to expire", TimeSpan.FromSeconds(30));
        await fleet.Database.WaitUntilQuietAsync(TimeSpan.FromSeconds(30));

        var sinceHold = fleet.Slack.Calls.Where(c => c.Caller == victim.Name && c.ReceivedAt >= heldFrom).ToList();
        Assert.That(sinceHold.Count(c => c.StatusCode == 0), Is.GreaterThanOrEqualTo(heldAtKill), "the Slack calls the victim had in flight died with it");
        Assert.That(sinceHold.Where(c => c.StatusCode != 0), Is.Empty, "and none of the victim's held calls was answered or acted on");
        foreach (var (requester, id) in requests)
        {
            var expiredEmails = fleet.Emails(requester, "expired");
            Assert.Multiple(async () =>
            {
                Assert.That(await fleet.Database.AuditCountAsync(id, AuditKinds.GrantIssued), Is.EqualTo(1), $"{id} granted once");
                Assert.That(await fleet.Database.AuditCountAsync(id, AuditKinds.RequestExpired), Is.EqualTo(1), $"{id} expired once");
                Assert.That(await fleet.Database.AuditCountAsync(id, AuditKinds.GrantWithdrawn), Is.EqualTo(1), $"{id}'s grant withdrawn once");
                Assert.That(fleet.CardCount(id), Is.EqualTo(1), $"one card for {id}");
                Assert.That(fleet.DirectCount(requester, "Access to web-1: Active"), Is.EqualTo(1), $"one grant DM to {requester}");
                Assert.That(fleet.DirectCount(requester, "Access to web-1 expired"), Is.EqualTo(1), $"one expiry DM to {requester}");
                // SMTP has no idempotency key: an email sent just before the kill may go again, always as the same message.
                Assert.That(expiredEmails, Is.Not.Empty, $"the expiry email to {requester}");
                Assert.That(expiredEmails.Select(m => m.MessageId).Distinct(), Has.Exactly(1).Items, $"every copy of {requester}'s expiry email has one Message-ID");
            });
        }
    }

    /// <summary>Asks for web-1 for one minute as each requester, round robin over the replicas, approves each, and waits for every grant.</summary>
    private static async Task<List<(string Requester, string Id)>> GrantOneMinuteEachAsync(ReplicaFleet fleet)
    {
        var requests = new List<(string Requester, string Id)>();
        for (var i = 1; i <= Requests; i++)
        {
            var requester = $"requester{i}@example.com";
            requests.Add((requester, await fleet.RequestAsync(fleet.NextReplica(), requester, "web-1 disk full on /var for 1m")));
        }

        foreach (var (_, id) in requests)
        {
            await fleet.ClickAsync(fleet.NextReplica(), "lead@example.com", await fleet.WaitForCardAsync(id), "approve");
        }

        await ReplicaFleet.WaitForAsync(async () => (await fleet.Database.StatesAsync()).Values.Count(s => s == "Active") == Requests, "every grant", TimeSpan.FromSeconds(30));
        await fleet.Database.WaitUntilQuietAsync(TimeSpan.FromSeconds(30));
        return requests;
    }

    /// <summary>
    /// Lets the victim run until the database shows it holding claimed jobs and claimed notifications at the same moment,
    /// then freezes it there (SIGSTOP) and checks again while nothing at all runs: what it shows then is what the kill finds.
    /// </summary>
    private static async Task<(IReadOnlyList<LeasedRow> Jobs, IReadOnlyList<LeasedRow> Outbox, int HeldCalls)> FreezeWhileHoldingAsync(ReplicaFleet fleet, HostProcess victim)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(4))
        {
            if ((await fleet.Database.LeasedJobsAsync()).Count > 0 && (await fleet.Database.LeasedOutboxAsync()).Count > 0)
            {
                victim.Pause();
                var jobs = await fleet.Database.LeasedJobsAsync();
                var outbox = await fleet.Database.LeasedOutboxAsync();
                var held = fleet.Slack.HeldCalls.Count(c => c.Caller == victim.Name);
                if (jobs.Count > 0 && outbox.Count > 0 && held > 0)
                {
                    return (jobs, outbox, held);
                }

                victim.Resume();
            }
        }

        Assert.Fail($"{victim.Name} was never seen holding claimed jobs and claimed notifications at once");
        return default;
    }

    private static async Task DelayUntilAsync(DateTimeOffset at)
    {
        var wait = at - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
