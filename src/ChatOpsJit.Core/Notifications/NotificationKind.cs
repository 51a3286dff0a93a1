namespace ChatOpsJit.Core.Notifications;

/// <summary>What an outbox message asks a channel to do.</summary>
public enum NotificationKind
{
    /// <summary>Post a card into a channel (the approvers' channel), keyed so it can be updated later.</summary>
    ChannelCard,
    /// <summary>Replace a card posted earlier under the same key, for everyone who sees it.</summary>
    CardUpdate,
    /// <summary>A direct message to one person.</summary>
    DirectMessage,
    Email,
}
