using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ChatOpsJit.Testing;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port that keeps what it receives.
/// Shared by the email and end-to-end tests.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>The SMTP envelope (MAIL FROM, RCPT TO) of each recipient, as received.</summary>
    public ConcurrentQueue<(string From, string To)> Envelopes { get; } = new();

    public static TestSmtpServer Start() => new(FreePort());

    /// <summary>The one email received; fails the test if there is not exactly one.</summary>
    public MimeMessage Single()
    {
        Assert.That(Messages, Has.Count.EqualTo(1), "exactly one email should have arrived");
        return Messages.Single();
    }

    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            if (Messages.FirstOrDefault(match) is { } message)
            {
                return message;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"no matching email arrived; received: {string.Join(" | ", Messages.Select(m => $"{m.To} {m.Subject}"))}");
        throw new InvalidOperationException();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            server.Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            foreach (var to in transaction.To)
            {
                server.Envelopes.Enqueue(($"{transaction.From.User}@{transaction.From.Host}", $"{to.User}@{to.Host}"));
            }

            return SmtpResponse.Ok;
        }
    }
}
