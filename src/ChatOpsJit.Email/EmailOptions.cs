using System.ComponentModel.DataAnnotations;

namespace ChatOpsJit.Email;

/// <summary>Email settings (section <c>Email</c>): provider, sender and SMTP connection.</summary>
/// <remarks>With SMTP and no <see cref="SmtpHost"/> emails stay in the dev console.</remarks>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>How email leaves: SMTP (default) or the SES v2 API; an unknown value is a start-up error naming Email:Provider.</summary>
    public EmailProvider Provider { get; set; } = EmailProvider.Smtp;

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    [EmailAddress]
    public string From { get; set; } = "chatopsjit@localhost";

    public string? Username { get; set; }

    /// <summary>Read from the environment or a secret store; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>How the connection is protected; an unknown value is a start-up error, never read as <see cref="SmtpSecurity.Auto"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(SmtpHost);

    /// <summary>The provider as configured, without binding the section: null when Email:Provider is not one of the names.</summary>
    public static EmailProvider? ConfiguredProvider(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var value = configuration[$"{Section}:{nameof(Provider)}"];
        return string.IsNullOrWhiteSpace(value) ? EmailProvider.Smtp
            : Enum.TryParse<EmailProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
            : null;
    }
}

/// <summary>How email is sent.</summary>
public enum EmailProvider
{
    /// <summary>SMTP with MailKit (SES's SMTP interface, or any relay).</summary>
    Smtp,
    /// <summary>The SES v2 HTTP API, signed with SigV4 (ChatOpsJit.Aws).</summary>
    Ses,
}

/// <summary>How the SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it.</summary>
    Auto,
    /// <summary>STARTTLS, required.</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
    /// <summary>Plain text; for a relay on the same host only.</summary>
    None,
}
