namespace ChatOpsJit.Core.Notifications;

/// <summary>What an outbox message asks a platform to do.</summary>
public enum NotificationKind
{
    /// <summary>Post a card into a channel (the approvers' channel); the platform's reference to it is stored for updates.</summary>
    ChannelCard,
    /// <summary>Replace a card posted earlier under the same key, for everyone who sees it; waits until the post's reference is stored.</summary>
    CardUpdate,
    /// <summary>A direct message to one person.</summary>
    DirectMessage,
    Email,
}
