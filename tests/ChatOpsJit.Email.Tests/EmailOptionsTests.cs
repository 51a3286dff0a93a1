using System.ComponentModel.DataAnnotations;

namespace ChatOpsJit.Email.Tests;

public sealed class EmailOptionsTests
{
    private static List<ValidationResult> Validate(EmailOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Test]
    public void Defaults_are_valid_and_disabled()
    {
        var options = new EmailOptions();

        Assert.That(Validate(options), Is.Empty);
        Assert.That(options.Enabled, Is.False);
        Assert.That(options.SmtpPort, Is.EqualTo(587));
        Assert.That(options.Security, Is.EqualTo(SmtpSecurity.Auto));
    }

    [TestCase(1)]
    [TestCase(25)]
    [TestCase(65535)]
    public void A_port_inside_1_to_65535_is_valid(int port)
    {
        Assert.That(Validate(new EmailOptions { SmtpHost = "smtp.example.com", SmtpPort = port }), Is.Empty);
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(65536)]
    public void A_port_outside_1_to_65535_is_rejected_naming_SmtpPort(int port)
    {
        var results = Validate(new EmailOptions { SmtpHost = "smtp.example.com", SmtpPort = port });

        Assert.That(results, Has.Count.EqualTo(1));
        Assert.That(results[0].MemberNames, Is.EqualTo(new[] { nameof(EmailOptions.SmtpPort) }));
    }

    [TestCase("not-an-address")]
    [TestCase("@example.com")]
    [TestCase("ops@")]
    public void A_From_that_is_not_an_email_address_is_rejected_naming_From(string from)
    {
        var results = Validate(new EmailOptions { From = from });

        Assert.That(results, Has.Count.EqualTo(1));
        Assert.That(results[0].MemberNames, Is.EqualTo(new[] { nameof(EmailOptions.From) }));
    }

    [Test]
    public void A_plain_From_address_is_valid()
    {
        Assert.That(Validate(new EmailOptions { From = "access@example.com" }), Is.Empty);
    }

    [TestCase("00:00:00")]
    [TestCase("00:05:01")]
    public void A_timeout_outside_1s_to_5min_is_rejected(string timeout)
    {
        var results = Validate(new EmailOptions { Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.That(results.SelectMany(r => r.MemberNames), Is.EqualTo(new[] { nameof(EmailOptions.Timeout) }));
    }

    [TestCase(null, false)]
    [TestCase("", false)]
    [TestCase("   ", false)]
    [TestCase("smtp.example.com", true)]
    public void Enabled_only_with_an_SMTP_host(string? host, bool enabled)
    {
        Assert.That(new EmailOptions { SmtpHost = host }.Enabled, Is.EqualTo(enabled));
    }
}
