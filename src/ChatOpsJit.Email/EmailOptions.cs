using System.ComponentModel.DataAnnotations;

namespace ChatOpsJit.Email;

/// <summary>SMTP settings (section <c>Email</c>); with no <see cref="SmtpHost"/> emails stay in the dev console.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

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
