using System.Globalization;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Storage;

namespace ChatOpsJit.Host.Console;

/// <summary>
/// The dev console's chat adapter: cards and DMs go into a stored transcript that the /console page shows.
/// Like the Slack and Teams adapters it only translates; an idempotency key seen before is not posted again.
/// </summary>
public sealed class ConsoleChatPlatform(IConsoleTranscriptStore transcript, ConsoleChangeFeed feed, TimeProvider time) : IChatPlatform
{
    public PlatformName Name => PlatformName.Console;

    public async Task<CardReference> PostCardAsync(string channel, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var seq = await transcript.AppendAsync(ConsoleConversations.Channel(channel), idempotencyKey, card, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        feed.Publish();
        return new CardReference(Name, channel, seq.ToString(CultureInfo.InvariantCulture));
    }

    public async Task UpdateCardAsync(CardReference posted, ChatCard card, CancellationToken cancellationToken = default)
    {
        if (!long.TryParse(posted.MessageId, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ||
            !await transcript.UpdateCardAsync(seq, card, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"the console has no message {posted.MessageId} in {posted.Channel} to update");
        }

        feed.Publish();
    }

    public async Task<CardReference> SendDirectAsync(DirectRecipient to, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var conversation = ConsoleConversations.Direct(to.Email);
        var seq = await transcript.AppendAsync(conversation, idempotencyKey, card, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        feed.Publish();
        return new CardReference(Name, conversation, seq.ToString(CultureInfo.InvariantCulture));
    }
}
