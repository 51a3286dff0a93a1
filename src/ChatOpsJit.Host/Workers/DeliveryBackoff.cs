namespace ChatOpsJit.Host.Workers;

/// <summary>Exponential backoff with full jitter, never sooner than a Retry-After the remote side gave.</summary>
public static class DeliveryBackoff
{
    public static TimeSpan Next(int attempt, TimeSpan first, TimeSpan max, TimeSpan? retryAfter, Random random)
    {
        var ceiling = Math.Min(max.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30)));
        var floor = Math.Min(first.TotalMilliseconds / 2, ceiling);
        var jittered = TimeSpan.FromMilliseconds(floor + random.NextDouble() * (ceiling - floor));
        return retryAfter is { } wait && wait > jittered ? wait : jittered;
    }
}
