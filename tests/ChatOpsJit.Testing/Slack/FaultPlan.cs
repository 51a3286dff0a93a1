namespace ChatOpsJit.Testing.Slack;

/// <summary>The failures and slowness a test asked for: Slack down, a method failing its next calls, calls answered late.</summary>
internal sealed class FaultPlan
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<(int StatusCode, TimeSpan? RetryAfter)>> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);
    private TimeSpan _delay;
    private bool _down;

    public bool Down
    {
        get { lock (_gate) { return _down; } }
        set { lock (_gate) { _down = value; } }
    }

    public TimeSpan Delay
    {
        get { lock (_gate) { return _delay; } }
        set { lock (_gate) { _delay = value; } }
    }

    public void FailNext(string method, int statusCode, TimeSpan? retryAfter, int times)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        lock (_gate)
        {
            if (!_failures.TryGetValue(method, out var queue))
            {
                _failures[method] = queue = new Queue<(int, TimeSpan?)>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue((statusCode, retryAfter));
            }
        }
    }

    /// <summary>The failure this call of <paramref name="method"/> gets, if one is queued (each is used once).</summary>
    public (int StatusCode, TimeSpan? RetryAfter)? TakeFailure(string method)
    {
        lock (_gate)
        {
            return _failures.TryGetValue(method, out var queue) && queue.TryDequeue(out var failure) ? failure : null;
        }
    }

    public void SetDelay(string method, TimeSpan delay)
    {
        lock (_gate)
        {
            _delays[method] = delay;
        }
    }

    /// <summary>The global delay plus the method's own: Slack being slow everywhere, and one method slower still.</summary>
    public TimeSpan DelayFor(string method)
    {
        lock (_gate)
        {
            return _delay + _delays.GetValueOrDefault(method);
        }
    }
}
