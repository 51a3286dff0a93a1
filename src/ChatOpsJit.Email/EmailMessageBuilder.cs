using ChatOpsJit.Core.Notifications;
using MimeKit;

namespace ChatOpsJit.Email;

/// <summary>The one MIME message a card becomes, whether SMTP or SES (raw) sends it: same subject, bodies and Message-ID.</summary>
public static class EmailMessageBuilder
{
    public static MimeMessage Build(string from, string to, ChatCard card, string idempotencyKey)
    {
        var (subject, text, html) = EmailTemplate.Render(card);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        // The idempotency key becomes the Message-ID, so a rare resend after a crash is recognisable as the same message.
        message.MessageId = MessageId(idempotencyKey);
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    /// <summary>"{key with anything but letters, digits, '-' and '.' made '.'}@chatopsjit".</summary>
    public static string MessageId(string idempotencyKey) =>
        new string(idempotencyKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '.').ToArray()) + "@chatopsjit";
}
