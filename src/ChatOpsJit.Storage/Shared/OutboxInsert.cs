using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Storage.Shared;

/// <summary>
/// A transition's outbox rows, ready to insert: its distinct cards (<see cref="OutboxCards.InsertSql"/>), then its messages
/// naming them (<see cref="OutboxRow.InsertSql"/>).
/// </summary>
/// <remarks>Built before the write, so the serializing is done by the caller's thread and not by the one writer of the group commit.</remarks>
internal sealed record OutboxInsert(IReadOnlyList<StoredCard> Cards, IReadOnlyList<object> Messages)
{
    /// <summary>The rows of <paramref name="transition"/>'s notifications; a message without a due time is due at <paramref name="eventAt"/>.</summary>
    public static OutboxInsert Of(StoreDialect dialect, Transition transition, DateTimeOffset eventAt)
    {
        var cards = new OutboxCards(transition.Request.Id, transition.Request.Version);
        var messages = transition.Notifications.Select(message => OutboxRow.InsertParameters(dialect, message, eventAt, cards)).ToList();
        return new OutboxInsert(cards.Cards, messages);
    }
}
