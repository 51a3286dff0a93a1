namespace ChatOpsJit.EndToEnd.Tests.Scenarios;

/// <summary>With Email:SmtpHost set, emails go over real SMTP (MailKit to the SmtpServer package).</summary>
[TestFixture]
[NonParallelizable]
public sealed class SmtpEmailTests
{
    [Test]
    public async Task Approval_email_arrives_over_smtp_for_the_requester_with_text_and_html_bodies()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var host = await TestHost.StartAsync(o =>
        {
            o.Settings["Email:SmtpHost"] = "127.0.0.1";
            o.Settings["Email:SmtpPort"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            o.Settings["Email:Security"] = "None";
            o.Settings["Email:From"] = "chatopsjit@example.com";
        });
        var id = await Flow.RequestWeb1Async(host);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.ApproversChannel, $"Access request {id}") == 1, "the approval card");

        await host.ActionAsync(Flow.Approver, "approve", id);

        var email = await smtp.WaitForAsync(m => (m.Subject ?? "").Contains("Access to web-1: Active", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(email.To.Mailboxes.Select(m => m.Address), Is.EqualTo(new[] { Flow.Requester }));
            Assert.That(email.From.Mailboxes.Single().Address, Is.EqualTo("chatopsjit@example.com"));
            Assert.That(email.Subject, Does.StartWith("[ChatOpsJit] Access to web-1: Active until "));
            Assert.That(email.TextBody, Does.Contain("aws ssm start-session --target i-0abc1234567890def"));
            Assert.That(email.TextBody, Does.Contain("Reason: disk full on /var"));
            Assert.That(email.HtmlBody, Does.Contain("<pre"));
            Assert.That(email.HtmlBody, Does.Contain("aws ssm start-session --target i-0abc1234567890def"));
        });
        var transcript = await host.TranscriptAsync();
        Assert.That(transcript.Conversations.Where(c => c.Kind == "email"), Is.Empty, "with SMTP configured nothing goes to the console outbox");
    }

    [Test]
    public async Task User_text_in_an_email_is_html_encoded()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var host = await TestHost.StartAsync(o =>
        {
            o.Settings["Email:SmtpHost"] = "127.0.0.1";
            o.Settings["Email:SmtpPort"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            o.Settings["Email:Security"] = "None";
        });
        var id = await Flow.RequestWeb1Async(host, "/access web-1 <script>alert(1)</script> & more");
        await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.ApproversChannel, $"Access request {id}") == 1, "the approval card");
        await host.ActionAsync(Flow.Approver, "approve", id);

        var email = await smtp.WaitForAsync(m => (m.Subject ?? "").Contains("Access to web-1: Active", StringComparison.Ordinal));
        Assert.That(email.HtmlBody, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
        Assert.That(email.HtmlBody, Does.Not.Contain("<script>"));
    }
}
