using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Serialization;

namespace ChatOpsJit.Storage.Shared;

/// <summary>
/// A transition's cards, each stored once in <c>outbox_cards</c> however many of its messages carry it: a request waiting
/// for approval sends the same card to every approver, by DM on each platform and by email.
/// </summary>
/// <remarks>
/// An id is the transition's request id and version and the card's place among its cards: unique without a lookup, as one
/// transition commits per request version, and the same when a group commit runs the transition's write again.
/// </remarks>
internal sealed class OutboxCards(string requestId, long version)
{
    public const string InsertSql = "INSERT INTO outbox_cards (id, card) VALUES (@Id, @Card);";

    private readonly Dictionary<object, string> _idByCard = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, string> _idByJson = new(StringComparer.Ordinal);
    private readonly List<StoredCard> _cards = [];

    /// <summary>The distinct cards met so far, to insert with <see cref="InsertSql"/> before the messages that name them.</summary>
    public IReadOnlyList<StoredCard> Cards => _cards;

    /// <summary>The id under which <paramref name="message"/>'s card is stored, adding the card the first time it is met.</summary>
    public string IdOf(OutboxMessage message)
    {
        // By reference first, so a card shared by the messages is serialized once; then by content, for equal copies.
        if (_idByCard.TryGetValue(message.Card, out var id))
        {
            return id;
        }

        var json = CoreJson.Serialize(message.Card);
        if (!_idByJson.TryGetValue(json, out id))
        {
            id = $"{requestId}:{version}:{_cards.Count}";
            _idByJson.Add(json, id);
            _cards.Add(new StoredCard { Id = id, Card = json });
        }

        _idByCard.Add(message.Card, id);
        return id;
    }
}

/// <summary>An <c>outbox_cards</c> row: a card as JSON, under the id its messages name.</summary>
internal sealed class StoredCard
{
    public const string Query = "SELECT id AS Id, card AS Card FROM outbox_cards";

    public string Id { get; init; } = "";
    public string Card { get; init; } = "";
}
