using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsJit.Testing.Slack;

/// <summary>Slack's side of Socket Mode: takes the app's WebSocket, says hello, sends envelopes and reads acks.</summary>
/// <remarks>
/// A connection needs a ticket from apps.connections.open. An envelope is sent until acked: one left unacked when its
/// connection ends goes out again on the next connection with retry_attempt one higher, so a test can check the app
/// does not act on it twice.
/// </remarks>
internal sealed class SocketModeHub(SlackStandInOptions options)
{
    private readonly object _gate = new();
    private readonly HashSet<string> _tickets = new(StringComparer.Ordinal);
    private readonly List<SocketConnection> _open = [];
    private readonly List<PendingEnvelope> _unacked = [];
    private readonly List<Task> _closing = [];
    private int _connectionCount;

    public Recorded<JsonObject> Acks { get; } = new(a => StandInJson.Write(a));

    /// <summary>Every connection that got its hello, the closed ones included.</summary>
    public int ConnectionCount
    {
        get { lock (_gate) { return _connectionCount; } }
    }

    public int OpenConnectionCount
    {
        get { lock (_gate) { return _open.Count; } }
    }

    public string IssueTicket()
    {
        var ticket = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _tickets.Add(ticket);
        }

        return ticket;
    }

    public async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        bool known;
        lock (_gate)
        {
            known = _tickets.Remove(context.Request.Query["ticket"].ToString());
        }

        if (!known)
        {
            // A made-up or reused URL is refused before the upgrade, as Slack refuses one that is not fresh from apps.connections.open.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = await HelloAsync(socket, context);
        try
        {
            await DeliverPendingAsync();
            await ReadAcksAsync(connection);
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(connection);
                foreach (var envelope in _unacked.Where(e => e.SentOn == connection))
                {
                    envelope.SentOn = null;
                }
            }

            connection.MarkClosed();

            // Another open connection takes what this one left unacked at once; otherwise the next one to open does.
            await DeliverPendingAsync();
        }
    }

    public async Task<string> SendEnvelopeAsync(string type, JsonObject payload, bool acceptsResponsePayload)
    {
        var envelope = new PendingEnvelope(Guid.NewGuid().ToString(), type, StandInJson.Clone(payload), acceptsResponsePayload);
        lock (_gate)
        {
            _unacked.Add(envelope);
        }

        await DeliverPendingAsync();
        return envelope.Id;
    }

    public async Task DropAsync()
    {
        var connection = Current() ?? throw new InvalidOperationException("no Socket Mode connection is open to drop");
        connection.Abort();
        await connection.Closed.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task SendDisconnectAsync(string reason)
    {
        var connection = Current() ?? throw new InvalidOperationException("no Socket Mode connection is open to disconnect");
        await connection.SendAsync(new JsonObject
        {
            ["type"] = "disconnect",
            ["reason"] = reason,
            ["debug_info"] = new JsonObject { ["host"] = "applink-standin" },
        });

        // Slack warns first and closes a little later, giving the app time to open its next connection.
        var closing = Task.Run(async () =>
        {
            await Task.Delay(options.DisconnectGrace);
            await connection.CloseAsync("disconnect");
        });
        lock (_gate)
        {
            _closing.Add(closing);
        }
    }

    public async Task WaitForConnectionAsync(int n, TimeSpan? timeout)
    {
        var limit = timeout ?? Recorded<JsonObject>.DefaultTimeout;
        var waited = Stopwatch.StartNew();
        while (ConnectionCount < n)
        {
            if (waited.Elapsed >= limit)
            {
                Assert.Fail($"waited {limit.TotalSeconds:0.##} s for Socket Mode connection {n}; {ConnectionCount} opened, {OpenConnectionCount} open");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Drops every connection, for the stand-in's shutdown.</summary>
    public async Task StopAsync()
    {
        SocketConnection[] open;
        Task[] closing;
        lock (_gate)
        {
            open = _open.ToArray();
            closing = _closing.ToArray();
        }

        foreach (var connection in open)
        {
            connection.Abort();
        }

        await Task.WhenAll(open.Select(c => c.Closed).Concat(closing)).WaitAsync(TimeSpan.FromSeconds(10));
    }

    private async Task<SocketConnection> HelloAsync(WebSocket socket, HttpContext context)
    {
        int number, openAfter;
        lock (_gate)
        {
            number = _connectionCount + 1;
            openAfter = _open.Count + 1;
        }

        var connection = new SocketConnection(number, socket, context);
        await connection.SendAsync(new JsonObject
        {
            ["type"] = "hello",
            ["num_connections"] = openAfter,
            ["debug_info"] = new JsonObject { ["host"] = "applink-standin", ["build_number"] = 1, ["approximate_connection_time"] = 18060 },
            ["connection_info"] = new JsonObject { ["app_id"] = options.AppId },
        });

        // Counted once hello is out, so envelopes sent by a test that waited for the connection follow the hello.
        lock (_gate)
        {
            _open.Add(connection);
            _connectionCount++;
        }

        return connection;
    }

    private SocketConnection? Current()
    {
        lock (_gate)
        {
            return _open.LastOrDefault();
        }
    }

    /// <summary>Sends every envelope waiting for a connection on the newest one; Slack sends each envelope to one connection.</summary>
    private async Task DeliverPendingAsync()
    {
        SocketConnection? target;
        List<(PendingEnvelope Envelope, JsonObject Frame)> frames = [];
        lock (_gate)
        {
            target = _open.LastOrDefault();
            if (target is null)
            {
                return;
            }

            foreach (var envelope in _unacked.Where(e => e.SentOn is null))
            {
                envelope.Attempt++;
                envelope.SentOn = target;
                frames.Add((envelope, envelope.Frame()));
            }
        }

        foreach (var (envelope, frame) in frames)
        {
            try
            {
                await target.SendAsync(frame);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException or IOException)
            {
                // Never reached the app: it waits for the next connection, as though sent and lost.
                lock (_gate)
                {
                    if (envelope.SentOn == target)
                    {
                        envelope.SentOn = null;
                    }
                }
            }
        }
    }

    private async Task ReadAcksAsync(SocketConnection connection)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            ValueWebSocketReceiveResult received;
            try
            {
                received = await connection.Socket.ReceiveAsync(buffer.AsMemory(), connection.Aborted);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
                return;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                await connection.CloseAsync("bye");
                return;
            }

            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                Acknowledge(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                message.SetLength(0);
            }
        }
    }

    /// <summary>An ack is {"envelope_id":…} with, for envelopes that accept one, a payload; anything else the app sends is ignored.</summary>
    private void Acknowledge(string text)
    {
        if (StandInJson.ParseObject(text) is not { } ack || SlackArgs.Text(ack, "envelope_id") is not { } envelopeId)
        {
            return;
        }

        Acks.Add(ack);
        lock (_gate)
        {
            _unacked.RemoveAll(e => e.Id == envelopeId);
        }
    }
}
