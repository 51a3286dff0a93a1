using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Core.Ports;

/// <summary>Notifications waiting to be delivered, claimed by one replica at a time.</summary>
public interface IOutboxStore
{
    /// <summary>
    /// Claims up to <paramref name="max"/> undelivered messages due at <paramref name="now"/>, oldest first, hiding them from
    /// other claimers until <paramref name="now"/> + <paramref name="lease"/> (so a crashed claimer's work comes back).
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    Task MarkDeliveredAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt; retries at <paramref name="retryAt"/>, or never when it is null (dead letter).</summary>
    Task MarkFailedAsync(long id, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default);
}
