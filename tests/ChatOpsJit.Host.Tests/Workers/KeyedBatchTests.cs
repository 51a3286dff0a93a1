using ChatOpsJit.Host.Workers;

namespace ChatOpsJit.Host.Tests.Workers;

public sealed class KeyedBatchTests
{
    [Test]
    public async Task Rows_of_different_keys_run_at_the_same_time_up_to_the_concurrency()
    {
        var running = 0;
        var most = 0;
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rows = Enumerable.Range(0, 8).Select(i => $"request-{i}").ToList();

        var run = KeyedBatch.RunAsync(rows, r => r, 4, async (_, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            if (now == 4)
            {
                allIn.TrySetResult();
            }

            // Every handler waits until four are inside at once: that only ends if four really run together.
            await allIn.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            Interlocked.Decrement(ref running);
        }, CancellationToken.None);

        await run;
        Assert.That(most, Is.EqualTo(4), "four at once, never more");
    }

    [Test]
    public async Task Rows_of_one_key_run_one_at_a_time_in_the_order_they_were_claimed()
    {
        var order = new List<int>();
        var inside = 0;
        var overlapped = false;
        var rows = Enumerable.Range(0, 20).Select(i => (Key: "request-1", Seq: i)).ToList();

        await KeyedBatch.RunAsync(rows, r => r.Key, 8, async (row, _) =>
        {
            overlapped |= Interlocked.Increment(ref inside) > 1;
            await Task.Yield();
            lock (order)
            {
                order.Add(row.Seq);
            }

            Interlocked.Decrement(ref inside);
        }, CancellationToken.None);

        Assert.That(overlapped, Is.False);
        Assert.That(order, Is.EqualTo(Enumerable.Range(0, 20)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
