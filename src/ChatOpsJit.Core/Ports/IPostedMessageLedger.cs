using ChatOpsJit.Core.Chat;

namespace ChatOpsJit.Core.Ports;

/// <summary>
/// What a chat platform posted under each idempotency key, kept durably by the store. Slack and Teams take no idempotency
/// key of their own, so an adapter records each post here at once and a retried delivery finds it instead of posting twice.
/// </summary>
public interface IPostedMessageLedger
{
    /// <summary>The message posted earlier under <paramref name="idempotencyKey"/> on <paramref name="platform"/>, or null.</summary>
    Task<CardReference?> FindAsync(PlatformName platform, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Records a post; recording the same key again keeps the first message.</summary>
    Task RecordAsync(string idempotencyKey, CardReference posted, CancellationToken cancellationToken = default);
}
