using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsJit.Email;

/// <summary>Wires SMTP email when <c>Email:Provider</c> is smtp (the default) and <c>Email:SmtpHost</c> is set.</summary>
/// <remarks>Otherwise no email sender is registered here; SES is ChatOpsJit.Aws's AddSesEmail.</remarks>
public static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddSmtpEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<EmailOptions>(configuration, EmailOptions.Section);
        // An unknown provider registers nothing; binding the options then reports it at start-up.
        if (EmailOptions.ConfiguredProvider(configuration) == EmailProvider.Smtp
            && !string.IsNullOrWhiteSpace(configuration[$"{EmailOptions.Section}:{nameof(EmailOptions.SmtpHost)}"]))
        {
            services.AddSingleton<SmtpEmailSender>();
            services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<SmtpEmailSender>());
        }

        return services;
    }
}
