using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsJit.Slack.Inbound;
using ChatOpsJit.Slack.WebApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Slack.SocketMode;

/// <summary>
/// Socket Mode, for workspaces that cannot expose an HTTPS endpoint: opens the WebSocket <c>apps.connections.open</c> names,
/// feeds each envelope to the same handlers as the HTTP endpoints, and acknowledges it by its <c>envelope_id</c> with the
/// answer Slack would have read from the HTTP response. Reconnects on <c>disconnect</c> and on a dropped socket; an
/// envelope Slack re-sends after a reconnect is answered with the first answer, never handled twice.
/// </summary>
public sealed class SlackSocketModeClient(
    SlackWebApiClient slack,
    SlackCommands commands,
    SlackInteractions interactions,
    SlackEvents events,
    TimeProvider time,
    ILogger<SlackSocketModeClient> logger) : BackgroundService
{
    private static readonly TimeSpan Remembered = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, (Task<JsonObject?> Answer, DateTimeOffset At)> _handled = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var url = await slack.OpenSocketConnectionAsync(stoppingToken).ConfigureAwait(false);
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, stoppingToken).ConfigureAwait(false);
                failures = 0;
                await ReceiveAsync(socket, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                // The URL carries a ticket; log the failure, not the address.
                logger.LogWarning("Slack Socket Mode connection failed ({Failures} in a row): {Error}", failures, e.Message);
            }

            var pause = TimeSpan.FromSeconds(Math.Min(30, failures == 0 ? 0 : Math.Pow(2, failures - 1)));
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause + TimeSpan.FromMilliseconds(Random.Shared.Next(250)), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var sending = new SemaphoreSlim(1, 1);
        while (socket.State == WebSocketState.Open)
        {
            var text = await ReadMessageAsync(socket, ct).ConfigureAwait(false);
            if (text is null)
            {
                logger.LogInformation("Slack closed the Socket Mode connection; reconnecting");
                return;
            }

            switch (SocketModeEnvelope.Parse(text))
            {
                case null:
                    logger.LogWarning("Ignored a Socket Mode message that is not JSON with a type");
                    break;
                case { Type: "hello" }:
                    logger.LogInformation("Slack Socket Mode connected");
                    break;
                case { Type: "disconnect" } disconnect:
                    logger.LogInformation("Slack asked to reconnect ({Reason})", disconnect.Reason);
                    return;
                case { EnvelopeId: { } id } envelope:
                    // Acked from its own task so a slow answer never holds up the next envelope.
                    _ = AnswerAsync(socket, sending, id, envelope, ct);
                    break;
            }
        }
    }

    private async Task AnswerAsync(ClientWebSocket socket, SemaphoreSlim sending, string envelopeId, SocketModeEnvelope envelope, CancellationToken ct)
    {
        try
        {
            var answer = await Handle(envelope).ConfigureAwait(false);
            var ack = new JsonObject { ["envelope_id"] = envelopeId };
            if (answer is not null)
            {
                ack["payload"] = answer.DeepClone();
            }

            await sending.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(ack.ToJsonString()), WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
            }
            finally
            {
                sending.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Unacknowledged, Slack sends the envelope again on the next connection, and the answer is found by its key.
            logger.LogInformation("Could not acknowledge a Socket Mode envelope; Slack will send it again");
        }
        catch (Exception e)
        {
            logger.LogError(e, "A Socket Mode {Type} envelope failed", envelope.Type);
        }
    }

    // The first delivery runs the handler; a re-sent one awaits that same answer.
    private Task<JsonObject?> Handle(SocketModeEnvelope envelope)
    {
        var key = envelope.DeliveryKey ?? Guid.NewGuid().ToString("N");
        Forget();
        return _handled.GetOrAdd(key, _ => (Dispatch(envelope), time.GetUtcNow())).Answer;
    }

    private Task<JsonObject?> Dispatch(SocketModeEnvelope envelope) => (envelope.Type, envelope.Payload) switch
    {
        ("slash_commands", { } payload) when SlashCommand.FromJson(payload) is { } command => commands.HandleAsync(command),
        ("interactive", { } payload) => interactions.HandleAsync(payload),
        ("events_api", { } payload) => Task.FromResult(events.Handle(payload)),
        _ => Task.FromResult<JsonObject?>(null),
    };

    private void Forget()
    {
        if (_handled.Count < 1_000)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var old in _handled.Where(h => now - h.Value.At > Remembered))
        {
            _handled.TryRemove(old.Key, out _);
        }
    }

    private static async Task<string?> ReadMessageAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }
}
