using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Storage;

/// <summary>One message in the dev console's fake chat workspace, as it looks now.</summary>
/// <param name="Revision">1 when posted, +1 per update of its card.</param>
public sealed record ConsoleTranscriptEntry(
    long Seq, string Conversation, ChatCard Card, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Revision);
