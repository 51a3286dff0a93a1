using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Aws.Email;

/// <summary>Wires SES email when <c>Email:Provider</c> is ses; otherwise registers nothing.</summary>
public static class SesEmailServiceCollectionExtensions
{
    public static IServiceCollection AddSesEmail(this IServiceCollection services, IConfiguration configuration)
    {
        // Email's own options (From, Provider) are validated whichever provider is chosen, and an unknown one fails there;
        // once only, or each problem of the section would be reported twice when AddSmtpEmail ran too.
        if (!services.Any(d => d.ImplementationInstance is OptionsSection { OptionsType: var type } && type == typeof(EmailOptions)))
        {
            services.AddValidatedOptions<EmailOptions>(configuration, EmailOptions.Section);
        }

        if (EmailOptions.ConfiguredProvider(configuration) != EmailProvider.Ses)
        {
            return services;
        }

        services.AddValidatedOptions<SesOptions>(configuration, SesOptions.Section);
        services.AddSingleton<IValidateOptions<SesOptions>, SesOptionsValidator>();
        // AddDefaultAWSOptions(configuration.GetAWSOptions()) unless the host (or a test) registered its own.
        services.TryAddDefaultAWSOptions(_ => configuration.GetAWSOptions(), ServiceLifetime.Singleton);
        services.TryAddSingleton(TimeProvider.System);
        // Header values are redacted in the client's logs, so the Authorization header and the token never reach a log.
        services.AddHttpClient(SesEmailSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .RedactLoggedHeaders(_ => true);
        services.AddSingleton<SesEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<SesEmailSender>());
        return services;
    }
}
