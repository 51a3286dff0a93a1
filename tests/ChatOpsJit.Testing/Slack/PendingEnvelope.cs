using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>An envelope Slack has not had an ack for yet: it goes out again, with retry_attempt one higher, on the next connection.</summary>
internal sealed class PendingEnvelope(string id, string type, JsonObject payload, bool acceptsResponsePayload)
{
    public string Id { get; } = id;

    /// <summary>-1 until first sent; then 0, 1, 2… as retry_attempt says.</summary>
    public int Attempt { get; set; } = -1;

    /// <summary>The connection it was last sent on; null when it waits for one.</summary>
    public SocketConnection? SentOn { get; set; }

    /// <summary>The envelope as Slack frames it, for the current attempt.</summary>
    public JsonObject Frame() => new()
    {
        ["envelope_id"] = Id,
        ["type"] = type,
        ["payload"] = payload.DeepClone(),
        ["accepts_response_payload"] = acceptsResponsePayload,
        ["retry_attempt"] = Attempt,

        // Slack names why it sends again; the stand-in only re-sends after a connection ended without an ack.
        ["retry_reason"] = Attempt == 0 ? "" : "timeout",
    };
}
