using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Email.Tests;

public sealed class EmailTemplateTests
{
    private static ChatCard FullCard() => new()
    {
        Title = "Access granted to web-1",
        Text = "Approved by lead@example.com.",
        Fields = [new CardField("Request", "ar-00000001"), new CardField("Until", "2030-01-01 10:00 UTC")],
        Code = "aws ssm start-session --target i-0abc1234567890def --region eu-west-1",
        Actions = [new CardAction(CardVerb.Revoke, "Revoke now", "ar-00000001", CardAudience.Requester, CardActionStyle.Danger)],
        Footer = "Sessions are ended when the window closes.",
    };

    [Test]
    public void Subject_is_the_title_behind_the_ChatOpsJit_prefix()
    {
        var (subject, _, _) = EmailTemplate.Render(FullCard());

        Assert.That(subject, Is.EqualTo("[ChatOpsJit] Access granted to web-1"));
    }

    [Test]
    public void Text_body_has_title_text_label_value_fields_code_and_footer_in_order()
    {
        var (_, text, _) = EmailTemplate.Render(FullCard());

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        Assert.That(lines, Is.SupersetOf(new[]
        {
            "Access granted to web-1",
            "Approved by lead@example.com.",
            "Request: ar-00000001",
            "Until: 2030-01-01 10:00 UTC",
            "aws ssm start-session --target i-0abc1234567890def --region eu-west-1",
            "Sessions are ended when the window closes.",
        }));
        var order = new[] { "Access granted", "Approved by", "Request: ", "Until: ", "aws ssm", "Sessions are ended" }.Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.That(order, Is.Ordered.And.All.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Text_body_omits_empty_text_code_and_footer()
    {
        var (_, text, html) = EmailTemplate.Render(new ChatCard { Title = "Only a title" });

        Assert.That(text.Trim(), Is.EqualTo("Only a title"));
        Assert.That(html, Does.Not.Contain("<pre").And.Not.Contain("<table").And.Not.Contain("<p"));
    }

    [Test]
    public void Html_body_encodes_every_user_value()
    {
        const string evil = "<script>alert(\"x\")</script> & 'quoted'";
        var card = new ChatCard
        {
            Title = evil,
            Text = evil,
            Fields = [new CardField(evil, evil)],
            Code = evil,
            Footer = evil,
        };

        var (_, _, html) = EmailTemplate.Render(card);

        Assert.That(html, Does.Not.Contain("<script").IgnoreCase);
        Assert.That(html, Does.Not.Contain("\"x\""));
        Assert.That(html, Does.Not.Contain("'quoted'"));
        Assert.That(html, Does.Not.Contain(" & "));
        const string encoded = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;";
        // title, text, field label, field value, code, footer: six encoded copies.
        Assert.That(CountOf(html, encoded), Is.EqualTo(6));
    }

    [Test]
    public void Html_body_renders_code_in_a_pre_block()
    {
        var (_, _, html) = EmailTemplate.Render(FullCard());

        Assert.That(html, Does.Match("<pre[^>]*>aws ssm start-session --target i-0abc1234567890def --region eu-west-1</pre>"));
    }

    [Test]
    public void Html_body_shows_fields_as_label_and_value_cells()
    {
        var (_, _, html) = EmailTemplate.Render(FullCard());

        Assert.That(html, Does.Match("<th[^>]*>Request</th><td[^>]*>ar-00000001</td>"));
        Assert.That(html, Does.StartWith("<!DOCTYPE html>").And.EndWith("</html>"));
    }

    [TestCase("line one\nBcc: victim@example.com")]
    [TestCase("line one\r\nBcc: victim@example.com")]
    [TestCase("line one\rBcc: victim@example.com")]
    [TestCase("line one\u2028Bcc: victim@example.com")]
    public void A_title_with_a_line_break_yields_a_one_line_subject(string title)
    {
        var (subject, _, _) = EmailTemplate.Render(new ChatCard { Title = title });

        Assert.That(subject, Does.Not.Contain("\n").And.Not.Contain("\r").And.Not.Contain("\u2028"));
        Assert.That(subject, Is.EqualTo("[ChatOpsJit] line one Bcc: victim@example.com"));
    }

    [Test]
    public void Buttons_never_appear_in_either_body()
    {
        var (subject, text, html) = EmailTemplate.Render(FullCard());

        foreach (var body in new[] { subject, text, html })
        {
            Assert.That(body, Does.Not.Contain("Revoke now"));
            Assert.That(body, Does.Not.Contain("Your sessions end now."));
            Assert.That(body, Does.Not.Contain("<button").IgnoreCase);
            Assert.That(body, Does.Not.Contain("<a ").IgnoreCase);
        }
    }

    private static int CountOf(string haystack, string needle)
    {
        var count = 0;
        for (var i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(needle, i + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
