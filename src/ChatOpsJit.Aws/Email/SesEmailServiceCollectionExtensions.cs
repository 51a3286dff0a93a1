using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Email;
using ChatOpsJit.Http;
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
        // Email's own options (From, Provider) are validated whichever provider is chosen, and an unknown one fails there.
        services.AddValidatedOptions<EmailOptions>(configuration, EmailOptions.Section);

        if (EmailOptions.ConfiguredProvider(configuration) != EmailProvider.Ses)
        {
            return services;
        }

        services.AddValidatedOptions<AwsOptions>(configuration, AwsOptions.Section);
        services.AddSingleton<IValidateOptions<AwsOptions>, SesOptionsValidator>();
        // AddDefaultAWSOptions(configuration.GetAWSOptions()) unless the host (or a test) registered its own.
        services.TryAddDefaultAWSOptions(_ => configuration.GetAWSOptions(), ServiceLifetime.Singleton);
        services.TryAddSingleton(TimeProvider.System);
        // Header values are redacted in the client's logs, so the Authorization header and the token never reach a log.
        services.AddHttpClient(SesEmailSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .RedactLoggedHeaders(_ => true)
            .NeverFollowRedirects();
        services.AddSingleton<SesEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<SesEmailSender>());
        return services;
    }
}
