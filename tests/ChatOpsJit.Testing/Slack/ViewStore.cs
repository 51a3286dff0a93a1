using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>The modals the bot opened and the Home tab it published for each user, as Slack stores and returns them.</summary>
internal sealed class ViewStore(SlackStandInOptions options)
{
    private readonly object _gate = new();
    private readonly List<JsonObject> _opened = [];
    private readonly Dictionary<string, JsonObject> _homes = new(StringComparer.Ordinal);
    private int _counter;

    public JsonObject Open(JsonObject view)
    {
        lock (_gate)
        {
            var stored = Stored(view, null);
            _opened.Add(stored);
            return StandInJson.Clone(stored);
        }
    }

    /// <summary>Publishes a user's Home tab; it keeps its view id across publishes, as Slack's does.</summary>
    public JsonObject Publish(string userId, JsonObject view)
    {
        lock (_gate)
        {
            var stored = Stored(view, _homes.GetValueOrDefault(userId)?["id"]?.GetValue<string>());
            _homes[userId] = stored;
            return StandInJson.Clone(stored);
        }
    }

    public JsonObject? Home(string userId)
    {
        lock (_gate)
        {
            return _homes.GetValueOrDefault(userId) is { } home ? StandInJson.Clone(home) : null;
        }
    }

    public IReadOnlyList<JsonObject> Opened
    {
        get
        {
            lock (_gate)
            {
                return _opened.Select(StandInJson.Clone).ToArray();
            }
        }
    }

    /// <summary>The view as Slack answers it: what was sent plus id, team, app, an empty state and a new hash.</summary>
    private JsonObject Stored(JsonObject view, string? id)
    {
        var number = ++_counter;
        id ??= $"V{number:D10}";
        var stored = StandInJson.Clone(view);
        stored["id"] = id;
        stored["team_id"] = options.TeamId;
        stored["app_id"] = options.AppId;
        stored["bot_id"] = options.BotId;
        stored["root_view_id"] = id;
        stored["previous_view_id"] = null;
        stored["state"] = new JsonObject { ["values"] = new JsonObject() };
        stored["hash"] = $"{SlackArgs.Invariant(options.Time.GetUtcNow().ToUnixTimeSeconds())}.{number:x8}";
        foreach (var (name, value) in new (string, JsonNode?)[] { ("private_metadata", ""), ("callback_id", ""), ("external_id", ""), ("clear_on_close", false), ("notify_on_close", false) })
        {
            if (!stored.ContainsKey(name))
            {
                stored[name] = value;
            }
        }

        return stored;
    }
}
