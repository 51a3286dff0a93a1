using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Core.Ports;

/// <summary>Sends a card as an email with plain-text and HTML bodies.</summary>
public interface IEmailSender
{
    Task SendAsync(string to, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default);
}
