using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Core.Tests.Fakes;

/// <summary>An email sender the workflow sees as configured; core tests read the outbox, not what it sends.</summary>
public sealed class FakeEmailSender : IEmailSender
{
    public Task SendAsync(string to, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
