using System.Net;
using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Slack.Identity;
using ChatOpsJit.Slack.Inbound;
using ChatOpsJit.Slack.Signing;
using ChatOpsJit.Slack.SocketMode;
using ChatOpsJit.Slack.WebApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ChatOpsJit.Slack;

/// <summary>Wires Slack when <c>Slack:SigningSecret</c> and <c>Slack:BotToken</c> are set, and Socket Mode when <c>Slack:AppToken</c> is too.</summary>
public static class SlackServiceCollectionExtensions
{
    /// <summary>A Retry-After longer than this is not waited out inside a call: the outbox reschedules the delivery instead.</summary>
    private static readonly TimeSpan LongestWaitInCall = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SlackOptions>(configuration, SlackOptions.Section);
        var settings = configuration.GetSection(SlackOptions.Section).Get<SlackOptions>() ?? new SlackOptions();
        if (!settings.Enabled)
        {
            return services;
        }

        // The factory's own loggers would write every URL, and a response_url is a capability to post into a conversation;
        // the client logs each call by its method instead.
        services.AddHttpClient(SlackWebApiClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30))
            .RemoveAllLoggers()
            .AddResilienceHandler("slack-web-api", AddResilience);
        services.AddSingleton<SlackWebApiClient>();
        services.AddSingleton(sp => new SlackSignatureVerifier(sp.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret!, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SlackMetrics>();
        services.AddSingleton<SlackRequestGate>();
        services.AddSingleton<SlackIdentityResolver>();
        services.AddSingleton<SlackUserGate>();
        services.AddSingleton<SlackBackgroundWork>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackBackgroundWork>());
        services.AddSingleton<SlackCommands>();
        services.AddSingleton<SlackHome>();
        services.AddSingleton<SlackActions>();
        services.AddSingleton<SlackRequestForm>();
        services.AddSingleton<SlackNodeOptions>();
        services.AddSingleton<SlackInteractions>();
        services.AddSingleton<SlackEvents>();
        services.AddSingleton<IChatPlatform, SlackChatPlatform>();
        if (settings.SocketMode)
        {
            services.AddHostedService<SlackSocketModeClient>();
        }

        return services;
    }

    // 5xx, timeouts and short rate limits are retried here with backoff and jitter; a circuit breaker stops calls while
    // Slack is down. The waits are real network waits, so this pipeline keeps the system clock even under a test clock.
    private static void AddResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
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
