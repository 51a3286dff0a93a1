using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsJit.Testing.Slack;

/// <summary>One Socket Mode WebSocket the app opened; sends are serialised, since a WebSocket takes one send at a time.</summary>
internal sealed class SocketConnection(int number, WebSocket socket, HttpContext context)
{
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>1 for the app's first connection, 2 for the next…</summary>
    public int Number { get; } = number;

    public WebSocket Socket { get; } = socket;

    public CancellationToken Aborted => context.RequestAborted;

    /// <summary>Completes once the stand-in has stopped reading this connection and re-queued what it left unacked.</summary>
    public Task Closed => _closed.Task;

    public async Task SendAsync(JsonObject frame)
    {
        var bytes = Encoding.UTF8.GetBytes(StandInJson.Write(frame));
        await _sending.WaitAsync();
        try
        {
            await Socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Ends the connection with a close frame, as Slack does after a disconnect message.</summary>
    public async Task CloseAsync(string description)
    {
        await _sending.WaitAsync();
        try
        {
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, description, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The app closed it first: nothing left to close.
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close frame: what the app sees when the network or Slack's host goes away.</summary>
    public void Abort()
    {
        try
        {
            context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request ended between the caller's look at the open connections and this: nothing is left to drop.
        }

        Socket.Abort();
    }

    public void MarkClosed() => _closed.TrySetResult();
}
