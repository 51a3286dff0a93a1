namespace ChatOpsJit.Testing.Teams;

/// <summary>A conversation id split as Teams builds channel ones: "{channel};messageid={root}" names one thread of a channel.</summary>
/// <param name="Base">The channel's or chat's own id, where messages are looked up.</param>
/// <param name="ThreadRootId">The root message of the thread, when the id names one.</param>
internal readonly record struct ConversationAddress(string Base, string? ThreadRootId)
{
    public const string ThreadMarker = ";messageid=";

    public static ConversationAddress Parse(string conversationId)
    {
        var at = conversationId.IndexOf(ThreadMarker, StringComparison.OrdinalIgnoreCase);
        return at < 0
            ? new ConversationAddress(conversationId, null)
            : new ConversationAddress(conversationId[..at], conversationId[(at + ThreadMarker.Length)..]);
    }

    public static string Thread(string channelId, string rootId) => channelId + ThreadMarker + rootId;
}
