namespace ChatOpsJit.Core.Ports;

/// <summary>
/// Thrown by an adapter when the remote side asked to be retried no sooner than <see cref="RetryAfter"/> (HTTP 429
/// Retry-After); the workers wait at least that long.
/// </summary>
public sealed class RetryAfterException(TimeSpan retryAfter, string message) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
