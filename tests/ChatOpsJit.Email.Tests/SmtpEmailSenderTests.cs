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
    public async Task A_send_is_one_smtp_client_span_naming_the_server_and_the_request_but_no_address_or_content()
    {
        using var spans = new SpanRecorder();
        using (ChatOpsJit.Core.Telemetry.ChatOpsJitTracing.Start("deliver", "Email", "ar-00000001"))
        {
            await Sender().SendAsync("dev@example.com", Card(), "ar-00000001:3:Email:email:dev@example.com");
        }

        var send = spans.Named("smtp send").Single();
        var tags = send.TagObjects.ToDictionary(t => t.Key, t => t.Value?.ToString());
        Assert.That(send.Kind, Is.EqualTo(System.Diagnostics.ActivityKind.Client));
        Assert.That(tags, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["chatopsjit.request_id"] = "ar-00000001", ["server.address"] = "127.0.0.1", ["server.port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["network.protocol.name"] = "smtp", ["chatopsjit.outcome"] = "sent",
        }));
        Assert.That(server.Single().Subject, Is.EqualTo("[ChatOpsJit] Access granted to web-1"), "the mail went out while the span was open");
    }

    [Test]
    public void A_refused_connection_ends_the_smtp_span_as_an_error_and_still_throws()
    {
        using var spans = new SpanRecorder();
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var sender = new SmtpEmailSender(Options.Create(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = port, From = "access@example.com", Security = SmtpSecurity.None, Timeout = TimeSpan.FromSeconds(5) }));

        Assert.That(async () => await sender.SendAsync("dev@example.com", Card(), "k-refused"), Throws.Exception);

        var send = spans.Named("smtp send").Single();
        Assert.That(send.Status, Is.EqualTo(System.Diagnostics.ActivityStatusCode.Error));
        Assert.That(send.GetTagItem("chatopsjit.outcome"), Is.EqualTo("failed"));
        Assert.That(send.GetTagItem("error.type"), Is.Not.Null);
    }

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
