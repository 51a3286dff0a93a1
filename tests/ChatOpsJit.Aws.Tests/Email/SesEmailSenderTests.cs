using System.Text;
using System.Text.Json.Nodes;
using Amazon.Extensions.NETCore.Setup;
using ChatOpsJit.Aws.Email;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Email;
using ChatOpsJit.Testing.Aws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChatOpsJit.Aws.Tests.Email;

public sealed class SesEmailSenderTests
{
    private AwsStandIn standIn = null!;
    private LogCapture logs = null!;
    private ServiceProvider? provider;

    [SetUp]
    public async Task Start()
    {
        standIn = await AwsStandIn.StartAsync();
        logs = new LogCapture();
    }

    [TearDown]
    public async Task Stop()
    {
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }

        logs.Dispose();
        await standIn.DisposeAsync();
    }

    private static ChatCard Card() => new()
    {
        Title = "Access granted to web-1",
        Text = "Approved by lead@example.com.",
        Fields = [new CardField("Request", "ar-00000001")],
        Code = "aws ssm start-session --target i-0abc1234567890def",
        Footer = "Sessions are ended when the window closes.",
    };

    private IEmailSender Sender(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:Provider"] = "ses",
            ["Email:From"] = "access@example.com",
            ["Aws:SesServiceUrl"] = standIn.Url,
            ["Aws:SesRegion"] = "eu-west-1",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSesEmail(configuration);
        services.AddSingleton(new AWSOptions { Credentials = standIn.BotCredentials });
        provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IEmailSender>();
    }

    [Test]
    public async Task The_email_reaches_SES_as_raw_MIME_signed_for_the_configured_Region_and_the_stand_in_verified_it()
    {
        var sender = Sender();

        await sender.SendAsync("dev@example.com", Card(), "ar-00000001:3:Email:email:dev@example.com");

        Assert.That(sender, Is.InstanceOf<SesEmailSender>());
        var call = standIn.Calls.Single();
        Assert.That((call.Service, call.Operation, call.Refused, call.Region, call.Account, call.AccessKeyId),
            Is.EqualTo(("ses", "SendEmail", false, "eu-west-1", standIn.BotAccountId, standIn.AccessKeyId)));
        var email = standIn.Emails.Single();
        Assert.That((email.From, email.To.Single()), Is.EqualTo(("access@example.com", "dev@example.com")));
        Assert.That(email.RawMime, Is.Not.Null);
        Assert.That(email.HeaderMessageId, Is.EqualTo("ar-00000001.3.Email.email.dev.example.com@chatopsjit"));
    }

    [Test]
    public async Task SES_sends_the_same_subject_bodies_and_Message_ID_as_SMTP()
    {
        await using var smtp = TestSmtpServer.Start();
        var smtpSender = new SmtpEmailSender(Options.Create(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = smtp.Port, From = "access@example.com", Security = SmtpSecurity.None }));
        const string key = "ar-00000009:1:Email:email:dev@example.com";

        await smtpSender.SendAsync("dev@example.com", Card(), key);
        await Sender().SendAsync("dev@example.com", Card(), key);

        var viaSmtp = smtp.Single();
        var viaSes = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(standIn.Emails.Single().RawMime!)));
        Assert.That(viaSes.Subject, Is.EqualTo(viaSmtp.Subject).And.EqualTo("[ChatOpsJit] Access granted to web-1"));
        Assert.That(viaSes.MessageId, Is.EqualTo(viaSmtp.MessageId));
        Assert.That(viaSes.TextBody, Is.EqualTo(viaSmtp.TextBody));
        Assert.That(viaSes.HtmlBody, Is.EqualTo(viaSmtp.HtmlBody));
        Assert.That(viaSes.From.ToString(), Is.EqualTo(viaSmtp.From.ToString()));
        Assert.That(viaSes.To.ToString(), Is.EqualTo(viaSmtp.To.ToString()));
    }

    [Test]
    public async Task Without_Aws_SesRegion_the_first_of_Aws_Regions_is_signed_for()
    {
        // Regions turn the rest of AWS on too, which needs an account; SES reads the same section.
        var sender = Sender(new()
        {
            ["Aws:SesRegion"] = null, ["Aws:Regions:0"] = "ap-southeast-2", ["Aws:Regions:1"] = "eu-west-1",
            ["Aws:Accounts:0:Id"] = "111122223333", ["Aws:Accounts:0:TokenRoleArn"] = "arn:aws:iam::111122223333:role/ChatOpsJitToken",
        });

        await sender.SendAsync("dev@example.com", Card(), "k1");

        Assert.That(standIn.Calls.Single().Region, Is.EqualTo("ap-southeast-2"));
        Assert.That(standIn.Emails.Single().Region, Is.EqualTo("ap-southeast-2"));
    }

    [Test]
    public async Task A_500_throws_so_the_outbox_retries_and_the_retry_delivers_the_same_message_once()
    {
        standIn.FailNext("SendEmail", 1, AwsFault.ServerError);
        var sender = Sender();

        var failure = Assert.ThrowsAsync<SesException>(() => sender.SendAsync("dev@example.com", Card(), "ar-1:2:Email:email:dev@example.com"));
        Assert.That(standIn.Emails, Is.Empty);
        await sender.SendAsync("dev@example.com", Card(), "ar-1:2:Email:email:dev@example.com");

        Assert.That(failure!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.InternalServerError));
        Assert.That(failure, Is.Not.InstanceOf<UnreachableRecipientException>());
        Assert.That(standIn.Calls.Select(c => c.StatusCode), Is.EqualTo(new[] { 500, 200 }));
        Assert.That(standIn.Emails, Has.Count.EqualTo(1));
        Assert.That(standIn.Calls.Select(c => MessageIdOf(c.Body)).Distinct(), Is.EqualTo(new[] { "ar-1.2.Email.email.dev.example.com@chatopsjit" }));
    }

    [Test]
    public void A_throttled_answer_with_Retry_After_surfaces_as_RetryAfterException_with_that_wait()
    {
        standIn.FailNext("SendEmail", 1, AwsFault.Throttling, retryAfter: TimeSpan.FromSeconds(7));
        var sender = Sender();

        var error = Assert.ThrowsAsync<RetryAfterException>(() => sender.SendAsync("dev@example.com", Card(), "k1"));

        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(error.Message, Does.Contain("429").And.Contain("TooManyRequestsException"));
    }

    [Test]
    public void A_throttled_answer_without_Retry_After_is_an_SesException_the_outbox_backs_off_from()
    {
        standIn.FailNext("SendEmail", 1, AwsFault.Throttling);
        var sender = Sender();

        var error = Assert.ThrowsAsync<SesException>(() => sender.SendAsync("dev@example.com", Card(), "k1"));

        Assert.That((error!.StatusCode, error.ErrorType), Is.EqualTo((System.Net.HttpStatusCode.TooManyRequests, "TooManyRequestsException")));
    }

    [Test]
    public void A_4xx_is_one_line_with_SESs_error_type_and_message()
    {
        standIn.FailNext("SendEmail", 1, AwsFault.AccessDenied);
        var sender = Sender();

        var error = Assert.ThrowsAsync<SesException>(() => sender.SendAsync("dev@example.com", Card(), "k1"));

        Assert.That(error!.Message, Is.EqualTo($"SES SendEmail failed: HTTP 403 AccessDeniedException: User: {standIn.BotArn} is not authorized to perform: ses:SendEmail"));
    }

    [Test]
    public void A_signature_mismatch_is_reported_by_its_code_and_never_with_the_canonical_request_SES_repeats()
    {
        standIn.FailNext("SendEmail", 1, AwsFault.SignatureMismatch);
        var sender = Sender();

        var error = Assert.ThrowsAsync<SesException>(() => sender.SendAsync("dev@example.com", Card(), "k1"));

        Assert.That(error!.Message, Is.EqualTo("SES SendEmail failed: HTTP 403 InvalidSignatureException: AWS refused the request's signature (its answer, which repeats the signed headers, is not kept)"));
    }

    [Test]
    public async Task Neither_the_secret_nor_the_signature_is_logged()
    {
        standIn.FailNext("SendEmail", 1, AwsFault.ServerError);
        var sender = Sender();
        Assert.ThrowsAsync<SesException>(() => sender.SendAsync("dev@example.com", Card(), "k1"));
        await sender.SendAsync("dev@example.com", Card(), "k1");

        Assert.That(logs.All, Does.Contain("SES accepted message"));
        Assert.That(logs.All, Does.Not.Contain(standIn.SecretAccessKey));
        Assert.That(logs.All, Does.Not.Contain("Signature=").And.Not.Contain("AWS4-HMAC-SHA256"));
    }

    private static string? MessageIdOf(string body)
    {
        var data = JsonNode.Parse(body)!["Content"]!["Raw"]!["Data"]!.GetValue<string>();
        return MimeMessage.Load(new MemoryStream(Convert.FromBase64String(data))).MessageId;
    }
}
