using System.Text.Json.Nodes;
using ChatOpsJit.Slack.Inbound;

namespace ChatOpsJit.Slack.SocketMode;

/// <summary>One Socket Mode message: a <c>hello</c>, a <c>disconnect</c>, or an envelope to acknowledge by its id.</summary>
public sealed record SocketModeEnvelope(string Type, string? EnvelopeId, JsonObject? Payload, string? Reason)
{
    public static SocketModeEnvelope? Parse(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is not JsonObject message || SlackPayload.Text(message, "type") is not { } type)
            {
                return null;
            }

            return new SocketModeEnvelope(type, SlackPayload.Text(message, "envelope_id"), SlackPayload.Object(message, "payload"), SlackPayload.Text(message, "reason"));
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// What makes a re-sent envelope the same delivery: Slack re-sends unacknowledged envelopes after a reconnect, and
    /// a person's action keeps its trigger_id (an event its event_id) even when the envelope id is new.
    /// </summary>
    public string? DeliveryKey =>
        SlackPayload.Text(Payload, "event_id") is { } eventId ? "event:" + eventId
        : SlackPayload.Text(Payload, "trigger_id") is { } trigger ? "trigger:" + trigger
        : EnvelopeId is null ? null : "envelope:" + EnvelopeId;
}
