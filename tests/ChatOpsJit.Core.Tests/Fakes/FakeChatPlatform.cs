using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Core.Tests.Fakes;

/// <summary>An enabled chat platform; the workflow only needs its name, deliveries are recorded for completeness.</summary>
public sealed class FakeChatPlatform(string name) : IChatPlatform
{
    public string Name { get; } = name;

    public List<(string To, ChatCard Card)> Sent { get; } = [];

    public Task PostCardAsync(string channel, string cardKey, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        Sent.Add((channel, card));
        return Task.CompletedTask;
    }

    public Task UpdateCardAsync(string cardKey, ChatCard card, CancellationToken cancellationToken = default)
    {
        Sent.Add((cardKey, card));
        return Task.CompletedTask;
    }

    public Task SendDirectAsync(string email, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        Sent.Add((email, card));
        return Task.CompletedTask;
    }
}
