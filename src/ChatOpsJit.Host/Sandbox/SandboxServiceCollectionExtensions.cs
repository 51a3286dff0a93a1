using ChatOpsJit.Aws;
using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Configuration;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Host.Sandbox;

/// <summary>Wires the sandbox (nodes from a file, simulated grants) unless <c>Sandbox:Enabled</c> is false.</summary>
public static class SandboxServiceCollectionExtensions
{
    public static IServiceCollection AddSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SandboxOptions>(configuration, SandboxOptions.Section);
        if (!SandboxOptions.IsEnabled(configuration))
        {
            return services;
        }

        services.AddSingleton<IValidateOptions<SandboxOptions>, PathsExistValidation>();
        if (configuration.IsAwsConfigured())
        {
            // Two sources of nodes and grants would make one of them silently lose.
            services.AddOptions<SandboxOptions>().Validate(_ => false, "Sandbox:Enabled=true and Aws:Regions both supply nodes and grants; remove Sandbox:Enabled or Aws:Regions.");
        }

        services.AddSingleton<INodeInventory>(sp => new SandboxInventory(
            FileLocator.Resolve(sp.GetRequiredService<IOptions<SandboxOptions>>().Value.NodesFile), sp.GetRequiredService<ILogger<SandboxInventory>>()));
        services.AddSingleton<SandboxGrantor>();
        services.AddSingleton<IAccessGrantor>(sp => sp.GetRequiredService<SandboxGrantor>());
        return services;
    }
}
