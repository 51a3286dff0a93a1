using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.Tests.StandIn;

/// <summary>A bare Socket Mode client over ClientWebSocket: what an app does, minus the app.</summary>
internal sealed class SocketClient : IDisposable
{
    private readonly ClientWebSocket _socket = new();

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<SocketClient> ConnectAsync(string url)
    {
        var client = new SocketClient();
        try
        {
            await client._socket.ConnectAsync(new Uri(url), CancellationToken.None);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The next text frame as JSON; null when the stand-in closed the connection with a close frame.</summary>
    public async Task<JsonObject?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await _socket.ReceiveAsync(buffer.AsMemory(), cancel.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return (JsonObject)JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!;
            }
        }
    }

    public Task SendAsync(JsonObject frame) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public Task AckAsync(string envelopeId, JsonObject? payload = null)
    {
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (payload is not null)
        {
            ack["payload"] = payload;
        }

        return SendAsync(ack);
    }

    public void Dispose() => _socket.Dispose();
}
