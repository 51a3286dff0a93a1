using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>Socket Mode at /socket: envelopes to the app, acks back, and the ways Slack ends a connection.</summary>
public sealed partial class SlackStandIn
{
    /// <summary>
    /// Sends an envelope (type slash_commands, interactive or events_api) on the newest connection, or on the next one
    /// to open when none is; returns its envelope_id. It is sent again on the next connection until acked.
    /// </summary>
    public Task<string> SendEnvelopeAsync(string type, JsonObject payload, bool acceptsResponsePayload = true) =>
        _sockets.SendEnvelopeAsync(type, payload, acceptsResponsePayload);

    /// <summary>Every ack the app sent ({"envelope_id":…} and, where it answers, "payload"), in order.</summary>
    public IReadOnlyList<JsonObject> Acks => _sockets.Acks.Snapshot();

    /// <summary>The app's ack of an envelope; fails the test, listing the acks seen, when none comes in time.</summary>
    public Task<JsonObject> WaitForAckAsync(string envelopeId, TimeSpan? timeout = null) =>
        _sockets.Acks.WaitForAsync(a => SlackArgs.Text(a, "envelope_id") == envelopeId, $"the ack of envelope {envelopeId}", timeout);

    /// <summary>Cuts the newest connection without a close frame; returns once its unacked envelopes are queued for the next.</summary>
    public Task DropSocketAsync() => _sockets.DropAsync();

    /// <summary>
    /// Sends {"type":"disconnect","reason":…} on the newest connection and closes it <see cref="SlackStandInOptions.DisconnectGrace"/>
    /// later. Slack's reasons: refresh_requested (a routine refresh), warning (about to close), link_disabled (Socket Mode turned off).
    /// </summary>
    public Task SendDisconnectAsync(string reason = "refresh_requested") => _sockets.SendDisconnectAsync(reason);

    /// <summary>How many connections the app has opened (each got its hello), closed ones included.</summary>
    public int ConnectionCount => _sockets.ConnectionCount;

    public int OpenConnectionCount => _sockets.OpenConnectionCount;

    /// <summary>Waits until the app has opened its <paramref name="n"/>th connection; fails the test when it does not in time.</summary>
    public Task WaitForConnectionAsync(int n, TimeSpan? timeout = null) => _sockets.WaitForConnectionAsync(n, timeout);
}
