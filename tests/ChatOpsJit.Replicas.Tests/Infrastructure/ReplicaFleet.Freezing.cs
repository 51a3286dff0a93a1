namespace ChatOpsJit.Replicas.Tests.Infrastructure;

/// <summary>Freezing replicas (SIGSTOP) so that, for a while, only the one a test chooses claims and runs anything.</summary>
public sealed partial class ReplicaFleet
{
    /// <summary>
    /// Freezes every running replica at a moment when none is inside a write, so no frozen process holds a lock the others
    /// would queue on; tries again (letting them run a moment) when one was caught mid-write.
    /// </summary>
    public async Task FreezeAllAsync()
    {
        var running = Replicas.Where(r => r.IsRunning).ToList();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            foreach (var replica in running)
            {
                replica.Pause();
            }

            if (await Database.NoWriteInProgressAsync())
            {
                return;
            }

            foreach (var replica in running)
            {
                replica.Resume();
            }

            await Task.Delay(20);
        }

        Assert.Fail("every attempt to freeze the replicas caught one inside a write");
    }
}
