using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ChatOpsJit.Http;

/// <summary>
/// The resilience pipeline of a chat platform's API client (Slack's Web API, the Bot Connector): 5xx, timeouts and short
/// rate limits are retried with backoff and jitter, a circuit breaker stops calls while the platform is down, and a
/// longer <c>Retry-After</c> is left to the caller, so the outbox reschedules the delivery instead of holding a worker.
/// </summary>
public static class ChatApiResilience
{
    /// <summary>A Retry-After longer than this is not waited out inside a call.</summary>
    public static readonly TimeSpan LongestWaitInCall = TimeSpan.FromSeconds(5);

    /// <summary>Adds the pipeline to a named client; <paramref name="name"/> names it in Polly's telemetry.</summary>
    /// <param name="resendPosts">
    /// Whether a POST is sent again after a timeout or a server error. A platform that takes no idempotency key may have
    /// posted the message before it failed, so for it (<c>false</c>) a POST is resent only when it was refused unread: a
    /// short rate limit, or a connection that never opened. The outbox retries the rest, against its ledger.
    /// </param>
    public static IHttpClientBuilder AddChatApiResilience(this IHttpClientBuilder client, string name, bool resendPosts = true)
    {
        client.AddResilienceHandler(name, (pipeline, context) => Configure(pipeline, resendPosts));
        return client;
    }

    // The waits are real network waits, so this pipeline keeps the system clock even under a test clock.
    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, bool resendPosts)
    {
        pipeline.TimeProvider = TimeProvider.System;
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(300),
            ShouldRetryAfterHeader = true,
            ShouldHandle = args =>
            {
                var unsafeToResend = !resendPosts && args.Context.GetRequestMessage()?.Method == HttpMethod.Post;
                return ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } } => true,
                    { Result.StatusCode: HttpStatusCode.TooManyRequests } r => (r.Result.Headers.RetryAfter?.Delta ?? TimeSpan.Zero) <= LongestWaitInCall,
                    _ when unsafeToResend => false,
                    { Exception: HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException } => true,
                    { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
                    _ => false,
                });
            },
        });
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.8,
            MinimumThroughput = 10,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(15),
        });
        pipeline.AddTimeout(TimeSpan.FromSeconds(10));
    }
}
