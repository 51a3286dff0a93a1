using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Http;
using ChatOpsJit.Teams.Auth;
using ChatOpsJit.Teams.Cards;
using ChatOpsJit.Teams.Connector;
using ChatOpsJit.Teams.Conversations;
using ChatOpsJit.Teams.Identity;
using ChatOpsJit.Teams.Inbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsJit.Teams;

/// <summary>Wires Microsoft Teams when <c>Teams:AppId</c>, <c>Teams:AppPassword</c> and <c>Teams:TenantId</c> are set.</summary>
public static class TeamsServiceCollectionExtensions
{
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
            .NeverFollowRedirects()
            .AddChatApiResilience("teams-connector", resendPosts: false);
        services.AddHttpClient(ConnectorTokenSource.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30))
            .RemoveAllLoggers()
            .NeverFollowRedirects()
            .AddChatApiResilience("teams-token");
        services.AddTeamsAuth();
        services.AddSingleton<TeamsMetrics>();
        services.AddSingleton<ConnectorTokenSource>();
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<BotConnectorClient>();
        services.AddSingleton<TeamsConversations>();
        services.AddSingleton<TeamsMembers>();
        services.AddSingleton<TeamsCardViews>();
        services.AddSingleton<TeamsRequestGate>();
        services.AddSingleton<TeamsReplies>();
        services.AddSingleton<TeamsActions>();
        services.AddSingleton<RecentActivities>();
        services.AddSingleton<TeamsMessages>();
        services.AddSingleton<TeamsInvokes>();
        services.AddSingleton<TeamsInstalls>();
        services.AddSingleton<TeamsChatPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<TeamsChatPlatform>());
        return services;
    }
}
