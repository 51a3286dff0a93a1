using System.Net;
using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Teams.Auth;
using ChatOpsJit.Teams.Cards;
using ChatOpsJit.Teams.Connector;
using ChatOpsJit.Teams.Conversations;
using ChatOpsJit.Teams.Identity;
using ChatOpsJit.Teams.Inbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ChatOpsJit.Teams;

/// <summary>Wires Microsoft Teams when <c>Teams:AppId</c>, <c>Teams:AppPassword</c> and <c>Teams:TenantId</c> are set.</summary>
public static class TeamsServiceCollectionExtensions
{
    /// <summary>A Retry-After longer than this is not waited out inside a call: the outbox reschedules the delivery instead.</summary>
    private static readonly TimeSpan LongestWaitInCall = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TeamsOptions>(configuration, TeamsOptions.Section);
        var settings = configuration.GetSection(TeamsOptions.Section).Get<TeamsOptions>() ?? new TeamsOptions();
        if (!settings.Enabled)
        {
            return services;
        }

        // The factory's loggers would write every URL, and those carry conversation and user ids; the client logs each
        // call by its shape instead.
        services.AddHttpClient(BotConnectorClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30))
            .RemoveAllLoggers()
            .AddResilienceHandler("teams-connector", AddResilience);
        services.AddHttpClient(ConnectorTokenSource.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30))
            .RemoveAllLoggers()
            .AddResilienceHandler("teams-token", AddResilience);
        services.AddTeamsAuth();
        services.AddSingleton<ConnectorTokenSource>();
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<BotConnectorClient>();
        services.AddSingleton<TeamsConversations>();
        services.AddSingleton<TeamsMembers>();
        services.AddSingleton<TeamsCardViews>();
        services.AddSingleton<TeamsRequestGate>();
        services.AddSingleton<TeamsReplies>();
        services.AddSingleton<TeamsActions>();
        services.AddSingleton<TeamsMessages>();
        services.AddSingleton<TeamsInvokes>();
        services.AddSingleton<TeamsInstalls>();
        services.AddSingleton<IChatPlatform, TeamsChatPlatform>();
        return services;
    }

    // 5xx, timeouts and short rate limits are retried here with backoff and jitter; a circuit breaker stops calls while
    // Teams is down. The waits are real network waits, so this pipeline keeps the system clock even under a test clock.
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
