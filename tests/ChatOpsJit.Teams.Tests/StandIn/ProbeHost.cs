using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Teams.Tests.StandIn;

/// <summary>A messaging endpoint that keeps what it was sent and answers 200 with a fixed body: the host's side of <c>SendAsync</c>.</summary>
internal sealed class ProbeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProbeHost(WebApplication app) => _app = app;

    public ConcurrentQueue<(string? Authorization, string Body, string? ConversationHeader, string? TenantHeader)> Received { get; } = new();

    public Uri MessagesUrl { get; private set; } = null!;

    public static async Task<ProbeHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var probe = new ProbeHost(app);
        app.MapPost("/api/messages", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            probe.Received.Enqueue((
                context.Request.Headers.Authorization.FirstOrDefault(),
                await reader.ReadToEndAsync(),
                context.Request.Headers["x-ms-conversation-id"].FirstOrDefault(),
                context.Request.Headers["x-ms-tenant-id"].FirstOrDefault()));
            return Results.Json(new { statusCode = 200, type = "application/vnd.microsoft.activity.message", value = "ok" });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        probe.MessagesUrl = new Uri(address.TrimEnd('/') + "/api/messages");
        return probe;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
