using ChatOpsJit.Core.Notifications;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace ChatOpsJit.Email.Tests;

public sealed class EmailMessageBuilderTests
{
    private static readonly ChatCard Card = new() { Title = "Access granted\nto web-1", Text = "Approved.", Fields = [new CardField("Request", "ar-1")] };

    [Test]
    public void The_message_carries_the_rendered_subject_and_bodies_from_to_and_the_keys_Message_ID()
    {
        using var message = EmailMessageBuilder.Build("access@example.com", "dev@example.com", Card, "ar-1:2:Email:email:dev@example.com");

        var (subject, text, html) = EmailTemplate.Render(Card);
        Assert.That(message.Subject, Is.EqualTo(subject).And.EqualTo("[ChatOpsJit] Access granted to web-1"));
        Assert.That(message.TextBody!.ReplaceLineEndings("\n"), Is.EqualTo(text.ReplaceLineEndings("\n")));
        Assert.That(message.HtmlBody, Is.EqualTo(html));
        Assert.That(message.Body, Is.InstanceOf<MultipartAlternative>());
        Assert.That(message.From.Mailboxes.Single().Address, Is.EqualTo("access@example.com"));
        Assert.That(message.To.Mailboxes.Single().Address, Is.EqualTo("dev@example.com"));
        Assert.That(message.MessageId, Is.EqualTo("ar-1.2.Email.email.dev.example.com@chatopsjit"));
    }

    [TestCase(null, EmailProvider.Smtp)]
    [TestCase("", EmailProvider.Smtp)]
    [TestCase("smtp", EmailProvider.Smtp)]
    [TestCase("Ses", EmailProvider.Ses)]
    [TestCase("ses", EmailProvider.Ses)]
    [TestCase("pigeon", null)]
    [TestCase("7", null)]
    public void The_configured_provider_is_read_without_binding_and_an_unknown_one_is_none(string? value, EmailProvider? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Email:Provider"] = value }).Build();

        Assert.That(EmailOptions.ConfiguredProvider(configuration), Is.EqualTo(expected));
    }

    [Test]
    public void SMTP_is_the_default_provider()
    {
        Assert.That(new EmailOptions().Provider, Is.EqualTo(EmailProvider.Smtp));
    }
}
