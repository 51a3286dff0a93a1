using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsJit.Email;

/// <summary>Wires SMTP email when <c>Email:SmtpHost</c> is set; without it no email sender is registered here.</summary>
public static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddSmtpEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<EmailOptions>(configuration, EmailOptions.Section);
        if (!string.IsNullOrWhiteSpace(configuration[$"{EmailOptions.Section}:{nameof(EmailOptions.SmtpHost)}"]))
        {
            services.AddSingleton<SmtpEmailSender>();
            services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<SmtpEmailSender>());
        }

        return services;
    }
}
