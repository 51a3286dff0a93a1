using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Core.Ports;

/// <summary>Notifications waiting to be delivered, claimed by one replica at a time.</summary>
public interface IOutboxStore
{
    /// <summary>
    /// Claims up to <paramref name="max"/> undelivered messages due at <paramref name="now"/>, oldest first, hiding them from
    /// other claimers until <paramref name="now"/> + <paramref name="lease"/> (so a crashed claimer's work comes back).
    /// A card update is claimable only once its post's reference is stored, and comes with it in <see cref="OutboxMessage.Target"/>;
    /// until then it waits without using up attempts, so delivery order never makes it fail.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a message this worker claimed as delivered, in the same write storing what a card post returned
    /// (<paramref name="posted"/>) or the version an update now shows. False, and nothing written, when the lease was lost
    /// meanwhile (another claimer took the message after the lease ran out), so a slow worker can never overwrite a newer claim.
    /// </summary>
    Task<bool> MarkDeliveredAsync(OutboxMessage claimed, DateTimeOffset at, CardReference? posted = null, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt; retries at <paramref name="retryAt"/>, or never when it is null (dead letter). False when the lease was lost.</summary>
    Task<bool> MarkFailedAsync(OutboxMessage claimed, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default);
}
