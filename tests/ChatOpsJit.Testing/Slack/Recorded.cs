using System.Diagnostics;

namespace ChatOpsJit.Testing.Slack;

/// <summary>A thread-safe, append-only record (calls, response_url posts, acks) that tests read as snapshots and wait on.</summary>
/// <remarks>A wait that runs out fails the test with everything that was seen, which is what explains a miss.</remarks>
internal sealed class Recorded<T>(Func<T, string> describe)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly List<T> _items = [];
    private readonly object _gate = new();

    public void Add(T item)
    {
        lock (_gate)
        {
            _items.Add(item);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return _items.ToArray();
        }
    }

    public async Task<T> WaitForAsync(Func<T, bool> match, string what, TimeSpan? timeout)
    {
        var limit = timeout ?? DefaultTimeout;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            foreach (var item in Snapshot())
            {
                if (match(item))
                {
                    return item;
                }
            }

            if (waited.Elapsed >= limit)
            {
                break;
            }

            await Task.Delay(20);
        }

        var seen = Snapshot();
        Assert.Fail($"waited {limit.TotalSeconds:0.##} s for {what}; saw {seen.Count}: {string.Join(" | ", seen.Select(describe))}");
        throw new UnreachableException();
    }
}
