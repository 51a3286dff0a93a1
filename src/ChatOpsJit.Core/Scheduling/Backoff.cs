namespace ChatOpsJit.Core.Scheduling;

/// <summary>
/// The one retry formula for deliveries, grants, session ends and failed jobs: exponential backoff with jitter,
/// capped, and never sooner than a Retry-After the remote side gave.
/// </summary>
public static class Backoff
{
    /// <param name="attempt">1 for the first failure.</param>
    /// <param name="first">The delay after the first failure (before jitter).</param>
    /// <param name="max">The cap; a Retry-After may still ask for longer.</param>
    public static TimeSpan Next(int attempt, TimeSpan first, TimeSpan max, TimeSpan? retryAfter, Random random)
    {
        var ceiling = Math.Min(max.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30)));
        // Jitter between half of the first delay and the ceiling spreads out replicas that failed together.
        var floor = Math.Min(first.TotalMilliseconds / 2, ceiling);
        var jittered = TimeSpan.FromMilliseconds(floor + random.NextDouble() * (ceiling - floor));
        return retryAfter is { } wait && wait > jittered ? wait : jittered;
    }
}
