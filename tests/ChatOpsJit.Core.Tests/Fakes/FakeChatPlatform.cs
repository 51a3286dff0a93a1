using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Core.Tests.Fakes;

/// <summary>An enabled chat platform; the workflow only needs its name, deliveries are recorded for completeness.</summary>
public sealed class FakeChatPlatform(string name) : IChatPlatform
{
    public PlatformName Name { get; } = new(name);

    public List<(string To, ChatCard Card)> Sent { get; } = [];

    public Task<CardReference> PostCardAsync(string channel, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        Sent.Add((channel, card));
        return Task.FromResult(new CardReference(Name, channel, Sent.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public Task UpdateCardAsync(CardReference posted, ChatCard card, CancellationToken cancellationToken = default)
    {
        Sent.Add((posted.MessageId, card));
        return Task.CompletedTask;
    }

    public Task<CardReference> SendDirectAsync(DirectRecipient to, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        Sent.Add((to.Email, card));
        return Task.FromResult(new CardReference(Name, "dm:" + to.Email, Sent.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
