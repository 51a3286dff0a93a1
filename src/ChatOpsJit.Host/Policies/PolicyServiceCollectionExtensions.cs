using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Host.Configuration;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Host.Policies;

/// <summary>Wires the JITNA policy folder of <c>Policies:Folder</c>, loaded at start-up and reloaded on change.</summary>
public static class PolicyServiceCollectionExtensions
{
    public static IServiceCollection AddPolicyFolder(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PolicyOptions>(configuration, PolicyOptions.Section);
        services.AddSingleton<IValidateOptions<PolicyOptions>, PathsExistValidation>();
        services.AddSingleton<PolicyHolder>();
        services.AddSingleton<IAccessPolicy>(sp => sp.GetRequiredService<PolicyHolder>());
        services.AddSingleton<PolicyFolderWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PolicyFolderWatcher>());
        return services;
    }
}
