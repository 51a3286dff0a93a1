using ChatOpsJit.Core.Notifications;
using Microsoft.Extensions.Options;
using MimeKit;

using ChatOpsJit.Testing;

namespace ChatOpsJit.Email.Tests;

public sealed class SmtpEmailSenderTests
{
    private TestSmtpServer server = null!;

    [SetUp]
    public void StartServer() => server = TestSmtpServer.Start();

    [TearDown]
    public async Task StopServer() => await server.DisposeAsync();

    private SmtpEmailSender Sender(SmtpSecurity security = SmtpSecurity.None, string from = "access@example.com") =>
        new(Options.Create(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = server.Port, From = from, Security = security, Timeout = TimeSpan.FromSeconds(10) }));

    private static ChatCard Card(string title = "Access granted to web-1") => new()
    {
        Title = title,
        Text = "Approved by lead@example.com.",
        Fields = [new CardField("Request", "ar-00000001")],
        Code = "aws ssm start-session --target i-0abc1234567890def",
        Actions = [new CardAction(CardVerb.Revoke, "Revoke now", "ar-00000001", CardAudience.Requester)],
        Footer = "Sessions are ended when the window closes.",
    };

    [Test]
    public async Task Message_id_derives_from_the_idempotency_key()
    {
        await Sender().SendAsync("dev@example.com", Card(), "ar-00000001:3:Email:email:dev@example.com");

        var message = server.Single();
        Assert.That(message.MessageId, Is.EqualTo("ar-00000001.3.Email.email.dev.example.com@chatopsjit"));
    }

    [Test]
    public async Task The_same_key_sent_twice_carries_the_same_message_id_and_another_key_another()
    {
        var sender = Sender();
        await sender.SendAsync("dev@example.com", Card(), "ar-1:2:Email:email:dev@example.com");
        await sender.SendAsync("dev@example.com", Card(), "ar-1:2:Email:email:dev@example.com");
        await sender.SendAsync("dev@example.com", Card(), "ar-1:3:Email:email:dev@example.com");

        var ids = server.Messages.Select(m => m.MessageId).ToList();
        Assert.That(ids, Has.Count.EqualTo(3));
        Assert.That(ids[0], Is.EqualTo(ids[1]));
        Assert.That(ids[2], Is.Not.EqualTo(ids[0]));
    }

    [Test]
    public async Task From_to_and_subject_are_set()
    {
        await Sender(from: "access@example.com").SendAsync("Dev@Example.com", Card(), "k1");

        var message = server.Single();
        Assert.That(message.From.Mailboxes.Select(m => m.Address), Is.EqualTo(new[] { "access@example.com" }));
        Assert.That(message.To.Mailboxes.Select(m => m.Address), Is.EqualTo(new[] { "Dev@Example.com" }));
        Assert.That(message.Subject, Is.EqualTo("[ChatOpsJit] Access granted to web-1"));
        Assert.That(server.Envelopes.Single(), Is.EqualTo(("access@example.com", "Dev@Example.com")));
    }

    [Test]
    public async Task Body_is_multipart_alternative_with_the_text_and_html_renderings()
    {
        var card = Card();
        await Sender().SendAsync("dev@example.com", card, "k1");

        var message = server.Single();
        var (_, text, html) = EmailTemplate.Render(card);
        Assert.That(message.Body, Is.InstanceOf<MultipartAlternative>());
        var parts = ((MultipartAlternative)message.Body).OfType<TextPart>().ToList();
        Assert.That(parts.Select(p => p.ContentType.MimeType), Is.EqualTo(new[] { "text/plain", "text/html" }));
        Assert.That(parts[0].Text.ReplaceLineEndings("\n"), Is.EqualTo(text.ReplaceLineEndings("\n")));
        Assert.That(parts[1].Text, Is.EqualTo(html));
        Assert.That(message.TextBody, Does.Not.Contain("Revoke now"));
        Assert.That(message.HtmlBody, Does.Not.Contain("Revoke now"));
    }

    [Test]
    public async Task A_title_with_a_line_break_cannot_inject_a_header()
    {
        await Sender().SendAsync("dev@example.com", Card("hello\r\nBcc: victim@example.com"), "k1");

        var message = server.Single();
        Assert.That(message.Bcc, Is.Empty);
        Assert.That(message.Headers.Contains("Bcc"), Is.False);
        Assert.That(message.Subject, Is.EqualTo("[ChatOpsJit] hello Bcc: victim@example.com"));
        Assert.That(server.Envelopes.Single().To, Is.EqualTo("dev@example.com"));
    }

    [TestCase(SmtpSecurity.None)]
    [TestCase(SmtpSecurity.Auto)]
    public async Task Security_None_or_Auto_sends_over_plain_SMTP_to_a_server_without_TLS(SmtpSecurity security)
    {
        await Sender(security).SendAsync("dev@example.com", Card(), "k1");

        Assert.That(server.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public void Without_an_SMTP_host_sending_fails_naming_the_setting()
    {
        var sender = new SmtpEmailSender(Options.Create(new EmailOptions { SmtpHost = null }));

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync("dev@example.com", Card(), "k1"));
        Assert.That(error!.Message, Does.Contain("Email:SmtpHost"));
    }
}
