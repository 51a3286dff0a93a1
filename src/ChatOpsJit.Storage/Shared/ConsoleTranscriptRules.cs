using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Storage.Shared;

/// <summary>What every transcript store refuses before writing.</summary>
internal static class ConsoleTranscriptRules
{
    public static void CheckAppend(string conversation, ChatCard card)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversation);
        ArgumentNullException.ThrowIfNull(card);
        if (card.Sensitive)
        {
            throw new ArgumentException("a sensitive card is answered privately and never enters the transcript", nameof(card));
        }
    }
}
