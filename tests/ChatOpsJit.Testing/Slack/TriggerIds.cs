namespace ChatOpsJit.Testing.Slack;

/// <summary>Trigger ids as Slack hands them out: each opens one modal (views.open), within a few seconds of the interaction.</summary>
internal sealed class TriggerIds(TimeProvider time, TimeSpan lifetime)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (DateTimeOffset Issued, bool Used)> _issued = new(StringComparer.Ordinal);
    private long _counter = 1_000_000_000;

    /// <summary>A new trigger id shaped like Slack's ("398738663015.47445629121.803a0bc8…").</summary>
    public string Issue()
    {
        lock (_gate)
        {
            var id = $"{SlackArgs.Invariant(++_counter)}.47445629121.{Guid.NewGuid():N}";
            _issued[id] = (time.GetUtcNow(), false);
            return id;
        }
    }

    /// <summary>Uses up the trigger id; the Slack error code when it cannot be used, null when the modal may open.</summary>
    public string? Exchange(string? id)
    {
        lock (_gate)
        {
            if (id is null || !_issued.TryGetValue(id, out var trigger))
            {
                return "invalid_trigger_id";
            }

            if (trigger.Used)
            {
                return "exchanged_trigger_id";
            }

            if (time.GetUtcNow() - trigger.Issued > lifetime)
            {
                return "expired_trigger_id";
            }

            _issued[id] = trigger with { Used = true };
            return null;
        }
    }
}
