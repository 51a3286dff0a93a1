using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Telemetry;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Email;

/// <summary>Sends emails over SMTP with MailKit (Amazon SES's SMTP interface in production).</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(string to, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        using var message = EmailMessageBuilder.Build(settings.From, to, card, idempotencyKey);
        var host = settings.SmtpHost ?? throw new InvalidOperationException("Email:SmtpHost is not set");
        using var span = SmtpSpan.Start(host, settings.SmtpPort);
        try
        {
            using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
            await client.ConnectAsync(host, settings.SmtpPort, Security(settings.Security), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            span.Ended("sent");
        }
        catch (Exception e)
        {
            span.Ended("failed", e);
            throw;
        }
    }

    private static SecureSocketOptions Security(SmtpSecurity value) => value switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
