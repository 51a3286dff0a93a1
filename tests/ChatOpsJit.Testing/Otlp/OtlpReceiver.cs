using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Testing.Otlp;

/// <summary>
/// An OTLP/HTTP receiver for tests, as a collector answers: <c>POST /v1/traces</c> and <c>POST /v1/metrics</c> with
/// <c>application/x-protobuf</c> bodies (gzip or not), answered with an empty export response. It keeps every body as
/// received, so a test can decode the spans and also search every exported byte.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _exports = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>"http://127.0.0.1:{port}": what OTEL_EXPORTER_OTLP_ENDPOINT is set to.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Requests refused (wrong content type), each as "path: reason".</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new OtlpReceiver(builder.Build());
        // Exporting the receiver's own requests would also feed each export back into the next one.
        receiver._app.UseUntraced();
        receiver._app.MapPost("/v1/traces", context => receiver.AcceptAsync(context, "traces"));
        receiver._app.MapPost("/v1/metrics", context => receiver.AcceptAsync(context, "metrics"));
        await receiver._app.StartAsync();
        receiver.Endpoint = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return receiver;
    }

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<OtlpSpan> Spans =>
        _exports.Where(e => e.Signal == "traces").SelectMany(e => OtlpMessages.Spans(e.Body)).ToList();

    /// <summary>Every metric name received so far, with its meter's name.</summary>
    public IReadOnlyList<(string Scope, string Name)> Metrics =>
        _exports.Where(e => e.Signal == "metrics").SelectMany(e => OtlpMessages.Metrics(e.Body)).ToList();

    /// <summary>How many export requests arrived for a signal (<c>traces</c> or <c>metrics</c>).</summary>
    public int ExportCount(string signal) => _exports.Count(e => e.Signal == signal);

    /// <summary>Every body received, decompressed, as Latin-1 text (one char per byte), to search for what must not be there.</summary>
    public string AllBytes() => string.Concat(_exports.Select(e => System.Text.Encoding.Latin1.GetString(e.Body)));

    /// <summary>Waits until the spans received satisfy <paramref name="condition"/>; fails the test after the timeout.</summary>
    public async Task<IReadOnlyList<OtlpSpan>> WaitForSpansAsync(Func<IReadOnlyList<OtlpSpan>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var spans = Spans;
            if (condition(spans))
            {
                return spans;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}; received {spans.Count} span(s): {string.Join(" | ", spans)}");
            }

            await Task.Delay(50);
        }
    }

    private async Task AcceptAsync(HttpContext context, string signal)
    {
        if (context.Request.ContentType?.Split(';')[0].Trim() != "application/x-protobuf")
        {
            Refused.Enqueue($"{context.Request.Path}: content type '{context.Request.ContentType}'");
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        using var body = new MemoryStream();
        if (context.Request.Headers.ContentEncoding.ToString() == "gzip")
        {
            await using var gzip = new GZipStream(context.Request.Body, CompressionMode.Decompress, leaveOpen: true);
            await gzip.CopyToAsync(body);
        }
        else
        {
            await context.Request.Body.CopyToAsync(body);
        }

        _exports.Enqueue((signal, body.ToArray()));
        // An empty Export*ServiceResponse: no partial_success, everything accepted.
        context.Response.ContentType = "application/x-protobuf";
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
