using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Http;
using ChatOpsJit.Slack.Identity;
using ChatOpsJit.Slack.Inbound;
using ChatOpsJit.Slack.Signing;
using ChatOpsJit.Slack.SocketMode;
using ChatOpsJit.Slack.WebApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Slack;

/// <summary>Wires Slack when <c>Slack:SigningSecret</c> and <c>Slack:BotToken</c> are set, and Socket Mode when <c>Slack:AppToken</c> is too.</summary>
public static class SlackServiceCollectionExtensions
{
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
            .NeverFollowRedirects()
            .AddChatApiResilience("slack-web-api");
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
}
