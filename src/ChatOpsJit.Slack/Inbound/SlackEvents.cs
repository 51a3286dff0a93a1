using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>
/// The Events API: <c>url_verification</c> is answered with its challenge; <c>app_home_opened</c> publishes the person's
/// App Home in the background. Slack re-sends an event it thinks was missed, so each <c>event_id</c> is acted on once.
/// </summary>
public sealed class SlackEvents(SlackHome home, SlackBackgroundWork background, TimeProvider time)
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>The HTTP answer's body: the challenge for a verification, else null (an empty 200).</summary>
    public JsonObject? Handle(JsonObject body)
    {
        switch (SlackPayload.Text(body, "type"))
        {
            case "url_verification":
                return new JsonObject { ["challenge"] = SlackPayload.Text(body, "challenge") ?? "" };
            case "event_callback" when FirstTime(SlackPayload.Text(body, "event_id")):
                var user = SlackPayload.Text(body, "event", "user");
                if (SlackPayload.Text(body, "event", "type") == "app_home_opened" && SlackPayload.Text(body, "event", "tab") is null or "home" && user is not null)
                {
                    background.Run("publish App Home", ct => home.PublishAsync(user, ct));
                }

                return null;
            default:
                return null;
        }
    }

    private bool FirstTime(string? eventId)
    {
        if (eventId is null)
        {
            return true;
        }

        var now = time.GetUtcNow();
        if (_seen.Count > 10_000)
        {
            foreach (var old in _seen.Where(e => now - e.Value > Remembered))
            {
                _seen.TryRemove(old.Key, out _);
            }
        }

        return _seen.TryAdd(eventId, now);
    }
}
