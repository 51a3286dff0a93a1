using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>The messages the bot posted, each with its versions, and its ephemeral messages; message ts values come from here.</summary>
internal sealed class MessageStore(SlackStandInOptions options)
{
    private readonly object _gate = new();
    private readonly List<State> _messages = [];
    private readonly List<SlackEphemeralMessage> _ephemerals = [];
    private long _tsCounter;

    /// <summary>
    /// A ts like Slack's ("1700000000.000100"): unique and increasing, so ordering by ts is ordering by posting.
    /// Fixed-width, so that string order is numeric order too.
    /// </summary>
    public string NextTs()
    {
        lock (_gate)
        {
            var micros = ++_tsCounter * 100;
            return $"{SlackArgs.Invariant(1_700_000_000 + (micros / 1_000_000))}.{micros % 1_000_000:D6}";
        }
    }

    public SlackPostedMessage Post(string channel, string? text, JsonArray? blocks, string? threadTs)
    {
        var ts = NextTs();
        lock (_gate)
        {
            var state = new State(channel, ts, threadTs);
            state.Versions.Add(new SlackMessageVersion(text, blocks, "chat.postMessage", options.Time.GetUtcNow()));
            _messages.Add(state);
            return state.Snapshot();
        }
    }

    /// <summary>
    /// A new version of a message, or null when there is none at that channel and ts (message_not_found).
    /// As chat.update does, text or blocks left out keep their old value; an empty blocks array removes the blocks.
    /// </summary>
    public SlackPostedMessage? Update(string channel, string ts, string? text, JsonArray? blocks, string source)
    {
        lock (_gate)
        {
            if (Find(channel, ts) is not { Deleted: false } state)
            {
                return null;
            }

            var previous = state.Versions[^1];
            var newBlocks = blocks is null ? previous.Blocks : blocks.Count == 0 ? null : blocks;
            state.Versions.Add(new SlackMessageVersion(text ?? previous.Text, newBlocks, source, options.Time.GetUtcNow()));
            return state.Snapshot();
        }
    }

    public bool Delete(string channel, string ts)
    {
        lock (_gate)
        {
            if (Find(channel, ts) is not { Deleted: false } state)
            {
                return false;
            }

            state.Deleted = true;
            return true;
        }
    }

    public SlackPostedMessage? Message(string channel, string ts)
    {
        lock (_gate)
        {
            return Find(channel, ts)?.Snapshot();
        }
    }

    public IReadOnlyList<SlackPostedMessage> In(string channel)
    {
        lock (_gate)
        {
            return _messages.Where(m => m.Channel == channel).Select(m => m.Snapshot()).ToArray();
        }
    }

    public string PostEphemeral(string channel, string user, string? text, JsonArray? blocks)
    {
        var ts = NextTs();
        lock (_gate)
        {
            _ephemerals.Add(new SlackEphemeralMessage(channel, user, ts, text, blocks));
        }

        return ts;
    }

    public IReadOnlyList<SlackEphemeralMessage> Ephemerals
    {
        get
        {
            lock (_gate)
            {
                return _ephemerals.ToArray();
            }
        }
    }

    /// <summary>The message object Slack puts in chat.postMessage and chat.update answers.</summary>
    public JsonObject ToJson(SlackPostedMessage message)
    {
        var json = new JsonObject
        {
            ["type"] = "message",
            ["user"] = options.BotUserId,
            ["bot_id"] = options.BotId,
            ["app_id"] = options.AppId,
            ["team"] = options.TeamId,
            ["text"] = message.Text ?? "",
            ["ts"] = message.Ts,
        };
        if (message.Blocks is { } blocks)
        {
            json["blocks"] = blocks.DeepClone();
        }

        if (message.ThreadTs is { } threadTs)
        {
            json["thread_ts"] = threadTs;
        }

        return json;
    }

    private State? Find(string channel, string ts) => _messages.FirstOrDefault(m => m.Channel == channel && m.Ts == ts);

    private sealed class State(string channel, string ts, string? threadTs)
    {
        public string Channel { get; } = channel;

        public string Ts { get; } = ts;

        public List<SlackMessageVersion> Versions { get; } = [];

        public bool Deleted { get; set; }

        public SlackPostedMessage Snapshot() => new(Channel, Ts, threadTs, Versions.ToArray(), Deleted);
    }
}
