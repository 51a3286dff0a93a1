using ChatOpsJit.Core.Ports;
using ChatOpsJit.Storage;
using ChatOpsJit.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsJit.EndToEnd.Tests.Infrastructure;

/// <summary>Waiting for the host to have nothing left to do, so a test can count what it did.</summary>
public static partial class Flow
{
    /// <summary>
    /// Waits until the real store shows nothing left to do now: no notification undelivered (dead letters aside, due now
    /// or later) and no job due by the host's clock. Counting after this proves "exactly once" by the end state rather than
    /// by guessing how long a duplicate would take to show up; fails the test after the timeout, saying what is left.
    /// </summary>
    public static async Task WaitUntilQuietAsync(TestHost host, TimeSpan? timeout = null)
    {
        var outbox = host.Services.GetRequiredService<IOutboxStore>() as SqliteOutboxStore
            ?? throw new InvalidOperationException("WaitUntilQuietAsync reads the SQLite outbox");
        var jobs = host.Services.GetRequiredService<IJobStore>() as JobStore
            ?? throw new InvalidOperationException("WaitUntilQuietAsync reads the job table");
        var clock = host.Get<TimeProvider>();
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var undelivered = await outbox.CountUndeliveredAsync();
            var due = await jobs.CountDueAsync(clock.GetUtcNow());
            if (undelivered == 0 && due == 0)
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"the host never went quiet: {undelivered} notification(s) undelivered and {due} job(s) due");
            }

            await Task.Delay(25);
        }
    }
}
