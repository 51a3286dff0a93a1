using ChatOpsJit.Core.Chat;

namespace ChatOpsJit.Core.Ports;

/// <summary>
/// Where a chat platform can reach a person or a channel without being spoken to first (a Teams conversation reference),
/// kept durably by the store so the bot can still post after a restart. The value is the adapter's own JSON.
/// </summary>
public interface IConversationStore
{
    /// <summary>Saves (or replaces) what is known under <paramref name="key"/>.</summary>
    Task SaveAsync(PlatformName platform, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>What was saved under <paramref name="key"/>, or null.</summary>
    Task<string?> FindAsync(PlatformName platform, string key, CancellationToken cancellationToken = default);

    /// <summary>Every value saved under a key that starts with <paramref name="keyPrefix"/>.</summary>
    Task<IReadOnlyList<string>> ListAsync(PlatformName platform, string keyPrefix, CancellationToken cancellationToken = default);
}
