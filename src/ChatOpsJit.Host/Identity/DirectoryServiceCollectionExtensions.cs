using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Configuration;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Host.Identity;

/// <summary>Wires the people directory read from <c>Directory:File</c>.</summary>
public static class DirectoryServiceCollectionExtensions
{
    public static IServiceCollection AddYamlDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DirectoryOptions>(configuration, DirectoryOptions.Section);
        services.AddSingleton<IValidateOptions<DirectoryOptions>, PathsExistValidation>();
        services.AddSingleton<IIdentityDirectory>(sp => new YamlIdentityDirectory(
            FileLocator.Resolve(sp.GetRequiredService<IOptions<DirectoryOptions>>().Value.File), sp.GetRequiredService<ILogger<YamlIdentityDirectory>>()));
        return services;
    }
}
