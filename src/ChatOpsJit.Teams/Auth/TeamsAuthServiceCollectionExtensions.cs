using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsJit.Teams.Auth;

internal static class TeamsAuthServiceCollectionExtensions
{
    /// <summary>
    /// The inbound-token singletons and their <see cref="BotFrameworkKeys.HttpClientName"/> client. Expects
    /// <see cref="TeamsOptions"/> and a <see cref="TimeProvider"/> to be registered by the caller.
    /// </summary>
    internal static IServiceCollection AddTeamsAuth(this IServiceCollection services)
    {
        // Metadata and key sets are a few KB; a bigger answer is refused rather than buffered.
        services.AddHttpClient(BotFrameworkKeys.HttpClientName, http =>
        {
            http.Timeout = TimeSpan.FromSeconds(10);
            http.MaxResponseContentBufferSize = 1 << 20;
        });
        services.AddSingleton<BotFrameworkKeys>();
        services.AddSingleton<BotFrameworkTokenValidator>();
        return services;
    }
}
