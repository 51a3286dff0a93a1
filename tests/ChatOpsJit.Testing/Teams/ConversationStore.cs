using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>Every message in every chat and channel, each with its versions, and the message ids Teams would give them.</summary>
/// <remarks>
/// A channel's messages are kept under the channel and grouped by thread: a new post is the root of its own thread, a
/// reply joins the thread of the message it answers. Messages users sent (as the test delivered them) are remembered
/// only as thread roots the bot may reply under; they are not the bot's and cannot be edited.
/// </remarks>
internal sealed class ConversationStore(TimeProvider time)
{
    private readonly object _gate = new();
    private readonly List<Stored> _messages = [];
    private readonly HashSet<(string Base, string Id)> _userMessages = [];
    private long _lastId;

    /// <summary>A message id as Teams makes them: the epoch milliseconds now, one more than the last when the clock stands still.</summary>
    public string NextId()
    {
        lock (_gate)
        {
            _lastId = Math.Max(_lastId + 1, time.GetUtcNow().ToUnixTimeMilliseconds());
            return _lastId.ToString(CultureInfo.InvariantCulture);
        }
    }

    public void NoteUserMessage(string baseId, string id)
    {
        lock (_gate)
        {
            _userMessages.Add((baseId, id));
        }
    }

    /// <summary>The root of the thread a message is in, for a message of the bot's or a user's; null when unknown.</summary>
    public string? ThreadOf(string baseId, string messageId)
    {
        lock (_gate)
        {
            if (_messages.FirstOrDefault(m => m.Base == baseId && m.Id == messageId) is { } bot)
            {
                return bot.ThreadRootId ?? bot.Id;
            }

            return _userMessages.Contains((baseId, messageId)) ? messageId : null;
        }
    }

    /// <summary>Stores a new message: a thread root when <paramref name="threadRootId"/> is null in a channel.</summary>
    public PostedActivity Post(string baseId, bool isChannel, string? threadRootId, string? replyToId, JsonObject activity)
    {
        var id = NextId();
        var stored = new Stored(id, baseId, isChannel ? threadRootId ?? id : null, replyToId, time.GetUtcNow());
        stored.Versions.Add((JsonObject)activity.DeepClone());
        lock (_gate)
        {
            _messages.Add(stored);
            return stored.Snapshot();
        }
    }

    /// <summary>A new version of the bot's own message; null when the conversation has no such message of the bot's.</summary>
    public PostedActivity? Update(string baseId, string activityId, JsonObject activity)
    {
        lock (_gate)
        {
            var stored = Find(baseId, activityId);
            stored?.Versions.Add((JsonObject)activity.DeepClone());
            return stored?.Snapshot();
        }
    }

    public PostedActivity? Delete(string baseId, string activityId)
    {
        lock (_gate)
        {
            var stored = Find(baseId, activityId);
            if (stored is not null)
            {
                stored.Deleted = true;
            }

            return stored?.Snapshot();
        }
    }

    /// <summary>The bot's messages in a chat, a whole channel, or one thread ("{channel};messageid={root}"), in posting order.</summary>
    public IReadOnlyList<PostedActivity> Messages(string conversationId)
    {
        var address = ConversationAddress.Parse(conversationId);
        lock (_gate)
        {
            return _messages
                .Where(m => m.Base == address.Base && (address.ThreadRootId is null || m.ThreadRootId == address.ThreadRootId))
                .Select(m => m.Snapshot())
                .ToList();
        }
    }

    public IReadOnlyList<PostedActivity> All
    {
        get
        {
            lock (_gate)
            {
                return _messages.Select(m => m.Snapshot()).ToList();
            }
        }
    }

    private Stored? Find(string baseId, string activityId) => _messages.FirstOrDefault(m => m.Base == baseId && m.Id == activityId);

    private sealed class Stored(string id, string baseId, string? threadRootId, string? replyToId, DateTimeOffset postedAt)
    {
        public string Id { get; } = id;

        public string Base { get; } = baseId;

        public string? ThreadRootId { get; } = threadRootId;

        public List<JsonObject> Versions { get; } = [];

        public bool Deleted { get; set; }

        public PostedActivity Snapshot() => new(
            Id,
            ThreadRootId is null ? Base : ConversationAddress.Thread(Base, ThreadRootId),
            replyToId,
            Versions.Select(v => (JsonObject)v.DeepClone()).ToList(),
            Deleted,
            postedAt);
    }
}
