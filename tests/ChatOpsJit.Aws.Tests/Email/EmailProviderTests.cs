using Amazon.Extensions.NETCore.Setup;
using ChatOpsJit.Aws.Email;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Aws.Tests.Email;

public sealed class EmailProviderTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, AWSOptions? aws = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSmtpEmail(configuration);
        services.AddSesEmail(configuration);
        if (aws is not null)
        {
            services.AddSingleton(aws);
        }

        return services.BuildServiceProvider();
    }

    [Test]
    public void An_unknown_provider_is_a_start_up_error_naming_Email_Provider_and_registers_no_sender()
    {
        using var provider = Build(new() { ["Email:Provider"] = "pigeon", ["Email:SmtpHost"] = "smtp.example.com" });

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        // The host's start-up report turns this into "Email:Provider: 'pigeon' is not valid; use one of Smtp, Ses."
        Assert.That(error!.Message, Does.StartWith("Failed to convert configuration value 'pigeon' at 'Email:Provider'"));
        Assert.That(provider.GetServices<IEmailSender>(), Is.Empty);
    }

    [Test]
    public void With_both_providers_wired_a_problem_of_the_Email_section_is_reported_once()
    {
        using var provider = Build(new() { ["Email:Provider"] = "ses", ["Email:From"] = "not-an-address", ["Aws:SesRegion"] = "eu-west-1" },
            new AWSOptions { Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "unused") });

        var error = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<EmailOptions>>().Value);

        Assert.That(error!.Failures.ToList(), Has.Count.EqualTo(1));
        Assert.That(error.Failures.Single(), Does.Contain("From"));
    }

    [TestCase(null)]
    [TestCase("smtp")]
    [TestCase("SMTP")]
    public void Smtp_is_the_default_and_registers_only_SMTP(string? value)
    {
        using var provider = Build(new() { ["Email:Provider"] = value, ["Email:SmtpHost"] = "smtp.example.com" });

        Assert.That(provider.GetServices<IEmailSender>().Select(s => s.GetType()), Is.EqualTo(new[] { typeof(SmtpEmailSender) }));
        Assert.That(provider.GetRequiredService<IOptions<EmailOptions>>().Value.Provider, Is.EqualTo(EmailProvider.Smtp));
    }

    [Test]
    public void Ses_registers_only_SES_even_with_an_SMTP_host_set()
    {
        using var provider = Build(
            new() { ["Email:Provider"] = "ses", ["Email:SmtpHost"] = "smtp.example.com", ["Aws:SesRegion"] = "eu-west-1" },
            new AWSOptions { Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "unused") });

        Assert.That(provider.GetServices<IEmailSender>().Select(s => s.GetType()), Is.EqualTo(new[] { typeof(SesEmailSender) }));
        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Test]
    public void Ses_without_any_Region_is_a_start_up_error_naming_the_keys_to_set()
    {
        using var provider = Build(new() { ["Email:Provider"] = "ses" }, new AWSOptions());

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Failures, Is.EqualTo(new[] { "Aws:SesRegion: Email:Provider=ses needs the SES Region; set Aws:SesRegion, Aws:Regions or AWS:Region." }));
    }

    [Test]
    public void The_SDKs_Region_is_used_when_the_Aws_section_names_none_and_the_public_endpoint_when_no_URL_is_set()
    {
        var endpoint = SesEndpoint.Resolve(new AwsOptions(), new AWSOptions { Region = Amazon.RegionEndpoint.EUCentral1 });

        Assert.That(endpoint, Is.EqualTo(new SesEndpoint(new Uri("https://email.eu-central-1.amazonaws.com/v2/email/outbound-emails"), "eu-central-1")));
    }
}
