namespace ChatOpsJit.Testing.Slack;

/// <summary>response_urls as Slack hands them out: each takes a few posts (5) for a while (30 minutes), then refuses.</summary>
internal sealed class ResponseUrls(TimeProvider time, TimeSpan lifetime, int uses)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _issued = new(StringComparer.Ordinal);

    /// <summary>A response_url, optionally tied to the message whose button was clicked (what replace_original changes).</summary>
    public sealed record Entry(string Id, string? Channel, string? MessageTs, DateTimeOffset Issued, int Uses);

    public string Issue(string? channel, string? messageTs)
    {
        var id = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _issued[id] = new Entry(id, channel, messageTs, time.GetUtcNow(), 0);
        }

        return id;
    }

    /// <summary>
    /// Takes one use of the url, or names the error Slack gives for it: an unknown url, one past its time, or one used up.
    /// Checked and counted at once so that concurrent posts cannot get past the limit.
    /// </summary>
    public (Entry? Entry, string? Error) TryUse(string id)
    {
        lock (_gate)
        {
            if (!_issued.TryGetValue(id, out var entry))
            {
                return (null, "no_service");
            }

            if (time.GetUtcNow() - entry.Issued > lifetime)
            {
                return (entry, "expired_url");
            }

            if (entry.Uses >= uses)
            {
                return (entry, "used_url");
            }

            _issued[id] = entry with { Uses = entry.Uses + 1 };
            return (entry, null);
        }
    }

    /// <summary>Gives a use back when the post was refused for its content (no_text, invalid_blocks): Slack counts only posts it took.</summary>
    public void GiveBack(string id)
    {
        lock (_gate)
        {
            _issued[id] = _issued[id] with { Uses = _issued[id].Uses - 1 };
        }
    }
}
