namespace ChatOpsJit.Host.Workers;

/// <summary>A delivery the remote side asked us to retry no sooner than <see cref="RetryAfter"/> (HTTP 429 Retry-After).</summary>
public sealed class RetryAfterException(TimeSpan retryAfter, string message) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
