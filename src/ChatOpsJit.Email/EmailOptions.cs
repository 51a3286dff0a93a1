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

    /// <summary>Auto (STARTTLS when offered), StartTls (required), SslOnConnect, or None.</summary>
    public string Security { get; set; } = "Auto";

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(SmtpHost);
}
