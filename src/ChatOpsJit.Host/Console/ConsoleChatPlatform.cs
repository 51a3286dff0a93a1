using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Storage.Sqlite;

namespace ChatOpsJit.Host.Console;

/// <summary>
/// The dev console's chat adapter: cards and DMs go into a stored transcript that the /console page shows.
/// Like the Slack and Teams adapters it only translates; an idempotency key seen before is not posted again.
/// </summary>
public sealed class ConsoleChatPlatform(ConsoleTranscriptStore transcript, ConsoleChangeFeed feed, TimeProvider time) : IChatPlatform
{
    public const string PlatformName = "console";

    public string Name => PlatformName;

    public async Task PostCardAsync(string channel, string cardKey, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await transcript.AppendAsync(ConsoleConversations.Channel(channel), cardKey, idempotencyKey, card, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        feed.Publish();
    }

    public async Task UpdateCardAsync(string cardKey, ChatCard card, CancellationToken cancellationToken = default)
    {
        if (!await transcript.UpdateCardAsync(cardKey, card, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            // The post has not been delivered yet; failing here makes the outbox retry the update after it.
            throw new InvalidOperationException($"card {cardKey} has not been posted yet");
        }

        feed.Publish();
    }

    public async Task SendDirectAsync(string email, ChatCard card, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await transcript.AppendAsync(ConsoleConversations.Direct(email), null, idempotencyKey, card, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        feed.Publish();
    }
}
