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
    public static IHttpClientBuilder AddChatApiResilience(this IHttpClientBuilder client, string name)
    {
        client.AddResilienceHandler(name, Configure);
        return client;
    }

    // The waits are real network waits, so this pipeline keeps the system clock even under a test clock.
    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        pipeline.TimeProvider = TimeProvider.System;
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(300),
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException } => true,
                { Result.StatusCode: HttpStatusCode.TooManyRequests } r => (r.Result.Headers.RetryAfter?.Delta ?? TimeSpan.Zero) <= LongestWaitInCall,
                { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
                _ => false,
            }),
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
