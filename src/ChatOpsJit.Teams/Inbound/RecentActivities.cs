using System.Collections.Concurrent;

namespace ChatOpsJit.Teams.Inbound;

/// <summary>
/// The messages handled in the last ten minutes, by conversation and activity id, so one Teams sends again is not run
/// twice. Kept in memory: a redelivery that reaches another replica, or comes after a restart, runs again, and the core
/// refuses a second open request for the same node.
/// </summary>
public sealed class RecentActivities(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time an activity is seen within the window; an activity without an id is always new.</summary>
    public bool FirstTime(TeamsActivity activity)
    {
        if (activity.Id is null)
        {
            return true;
        }

        var now = time.GetUtcNow();
        if (_seen.Count > 10_000)
        {
            foreach (var (key, at) in _seen)
            {
                if (now - at > Window)
                {
                    _seen.TryRemove(key, out _);
                }
            }
        }

        var id = activity.ConversationId + "|" + activity.Id;
        if (_seen.TryAdd(id, now))
        {
            return true;
        }

        var last = _seen[id];
        return now - last > Window && _seen.TryUpdate(id, now, last);
    }
}
