using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Storage;

namespace ChatOpsJit.Host.Console;

/// <summary>Without SMTP, emails are kept in the console's email outbox instead of being sent; like a real email, without buttons.</summary>
public sealed class ConsoleEmailSender(IConsoleTranscriptStore transcript, ConsoleChangeFeed feed, TimeProvider time) : IEmailSender
{
    public async Task SendAsync(string to, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await transcript.AppendAsync(ConsoleConversations.Email(to), idempotencyKey, card with { Actions = [] }, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        feed.Publish();
    }
}
