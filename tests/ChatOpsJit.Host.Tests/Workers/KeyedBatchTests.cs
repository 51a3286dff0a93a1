using ChatOpsJit.Host.Workers;
using Microsoft.Extensions.Logging.Abstractions;

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
        }, NullLogger.Instance, CancellationToken.None);

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
        }, NullLogger.Instance, CancellationToken.None);

        Assert.That(overlapped, Is.False);
        Assert.That(order, Is.EqualTo(Enumerable.Range(0, 20)));
    }

    [Test]
    public async Task A_row_that_throws_neither_cancels_nor_stops_the_rows_beside_it_or_after_it()
    {
        var finished = new System.Collections.Concurrent.ConcurrentBag<string>();
        var cancelled = 0;
        var failedStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rows = new[] { ("a", 1), ("a", 2), ("b", 1), ("c", 1) };

        await KeyedBatch.RunAsync(rows, r => r.Item1, 4, async (row, ct) =>
        {
            if (row == ("a", 1))
            {
                failedStarted.SetResult();
                throw new InvalidOperationException("this delivery failed");
            }

            // Still running when its neighbour fails: a cancelled token here would mean a post sent but never marked done.
            await failedStarted.Task;
            await Task.Delay(50, CancellationToken.None);
            if (ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref cancelled);
            }

            finished.Add($"{row.Item1}{row.Item2}");
        }, NullLogger.Instance, CancellationToken.None);

        Assert.That(cancelled, Is.Zero);
        Assert.That(finished, Is.EquivalentTo(new[] { "a2", "b1", "c1" }), "the failed row's successor in its group still ran");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
