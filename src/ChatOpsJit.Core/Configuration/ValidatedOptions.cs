using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Core.Configuration;

/// <summary>
/// The one way every project registers its settings: bound to a configuration section, validated by data annotations
/// at start-up, and listed so the host reports every problem of every section, one line each, without a hand-kept list.
/// </summary>
public static class ValidatedOptions
{
    /// <remarks>
    /// Idempotent: two adapters may share a section (SES email and the rest of AWS read <c>Aws</c>), and binding twice
    /// would append every list item twice.
    /// </remarks>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section) where T : class
    {
        if (services.Any(d => d.ServiceType == typeof(OptionsSection) && d.ImplementationInstance is OptionsSection s && s.OptionsType == typeof(T)))
        {
            return services.AddOptions<T>();
        }

        services.AddSingleton(new OptionsSection(typeof(T), section));
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
    }
}

/// <summary>An options type and the configuration section it is bound to.</summary>
public sealed record OptionsSection(Type OptionsType, string Section);
