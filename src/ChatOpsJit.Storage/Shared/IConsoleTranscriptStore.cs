using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Storage;

/// <summary>Keeps the dev console's fake chat workspace, so a restart neither loses nor repeats a message.</summary>
public interface IConsoleTranscriptStore
{
    /// <summary>
    /// Adds a message and returns its sequence number; when <paramref name="idempotencyKey"/> was seen before, nothing is
    /// added and the first message's number is returned, so a retried post finds the card it already made.
    /// </summary>
    /// <exception cref="ArgumentException">The card is sensitive: it is answered privately and never enters the transcript.</exception>
    Task<long> AppendAsync(string conversation, string? idempotencyKey, ChatCard card, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Replaces the card of message <paramref name="seq"/>; false when there is no such message.</summary>
    Task<bool> UpdateCardAsync(long seq, ChatCard card, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Messages in the order they were posted; all conversations, or just <paramref name="conversation"/>.</summary>
    Task<IReadOnlyList<ConsoleTranscriptEntry>> ListAsync(string? conversation = null, CancellationToken cancellationToken = default);

    /// <summary>A number that grows with every append and update; poll it to know when to refresh.</summary>
    Task<long> LatestChangeAsync(CancellationToken cancellationToken = default);
}
