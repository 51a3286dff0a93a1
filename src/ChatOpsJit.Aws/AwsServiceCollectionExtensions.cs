using Amazon.Extensions.NETCore.Setup;
using ChatOpsJit.Aws.Bridge;
using ChatOpsJit.Aws.Clients;
using ChatOpsJit.Aws.Grants;
using ChatOpsJit.Aws.Inventory;
using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsJit.Aws;

/// <summary>Wires AWS (Systems Manager inventory, token grants, the JITNA bridge) when <c>Aws:Regions</c> lists a Region.</summary>
public static class AwsServiceCollectionExtensions
{
    /// <summary>True when the configuration turns AWS on; read before the container is built, so the sandbox can stand aside.</summary>
    public static bool IsAwsConfigured(this IConfiguration configuration) =>
        configuration.GetSection($"{AwsOptions.Section}:{nameof(AwsOptions.Regions)}").GetChildren().Any();

    public static IServiceCollection AddAws(this IServiceCollection services, IConfiguration configuration, string readyTag)
    {
        services.AddValidatedOptions<AwsOptions>(configuration, AwsOptions.Section);
        if (!configuration.IsAwsConfigured())
        {
            return services;
        }

        // The bot's own credentials: the SDK's default chain (environment, profile, container or instance role). A test
        // registers its own AWSOptions after this one, and the last registration wins; SES email shares the same one.
        services.TryAddDefaultAWSOptions(_ => configuration.GetAWSOptions(), ServiceLifetime.Singleton);
        services.AddSingleton<AwsClients>();
        services.AddSingleton<NodeLister>();
        services.AddSingleton<SsmInventory>();
        services.AddSingleton<INodeInventory>(sp => sp.GetRequiredService<SsmInventory>());
        services.AddHostedService<InventoryRefresher>();
        services.AddSingleton<SessionTerminator>();
        services.AddSingleton<TokenGrantor>();
        services.AddSingleton<JitnaBridgeGrantor>();
        services.AddSingleton<AwsGrantor>();
        services.AddSingleton<IAccessGrantor>(sp => sp.GetRequiredService<AwsGrantor>());
        services.AddSingleton<JitnaBridge>();
        services.AddSingleton<JitnaBridgePoller>();
        services.AddHostedService(sp => sp.GetRequiredService<JitnaBridgePoller>());
        services.AddHostedService<JitnaEventQueueReader>();
        services.AddHealthChecks().AddCheck<InventoryHealthCheck>("inventory", tags: [readyTag]);
        return services;
    }
}
