using System.Net;
using System.Net.ServerSentEvents;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Workflow;
using ChatOpsJit.Host.Sandbox;
using ChatOpsJit.Host.Telemetry;
using ChatOpsJit.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatOpsJit.Host.Console;

/// <summary>The dev console: a page and a small HTTP API that play a chat workspace against the same core.</summary>
public static class ConsoleEndpoints
{
    public const string PathPrefix = "/console";

    /// <summary>Serves the console when <see cref="DevConsoleMode"/> says so; for loopback clients only when the grantor is not the sandbox.</summary>
    public static WebApplication UseDevConsole(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<DevConsoleMode>();
        if (!mode.Enabled)
        {
            return app;
        }

        if (mode.LoopbackOnly)
        {
            app.Logger.LogWarning(
                "The dev console is on (Console:Enabled=true) with a grantor that is not the sandbox. It lets anyone act as anyone, " +
                "so it answers loopback clients only; turn it off outside development");
            app.UseWhen(context => context.Request.Path.StartsWithSegments(PathPrefix), branch => branch.Use(async (context, next) =>
            {
                if (context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote))
                {
                    await next(context).ConfigureAwait(false);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("the dev console answers loopback clients only with this grantor\n").ConfigureAwait(false);
            }));
        }

        app.UseStaticFiles();
        app.MapConsole();
        app.MapGet("/", () => Results.Redirect(PathPrefix)).ExcludeFromDescription();
        return app;
    }

    private static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console", (IWebHostEnvironment env) => Results.File(Path.Combine(env.WebRootPath, "console", "index.html"), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        var api = app.MapGroup("/console/api");
        api.MapGet("/users", ListUsersAsync);
        api.MapPost("/commands", RunCommandAsync);
        api.MapPost("/actions", PressButtonAsync);
        // The simulated start-session exists only beside the sandbox grantor.
        if (app.ServiceProvider.GetRequiredService<IServiceProviderIsService>().IsService(typeof(SandboxGrantor)))
        {
            api.MapPost("/sessions", StartSessionAsync);
        }

        api.MapGet("/transcript", ReadTranscriptAsync);
        api.MapGet("/events", (ConsoleChangeFeed feed, IConsoleTranscriptStore transcript, IHostApplicationLifetime lifetime, CancellationToken ct) =>
        {
            // An open stream must not hold up shutdown, so it also ends when the host begins to stop.
            var stream = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
            return TypedResults.ServerSentEvents(Changes(feed, transcript, stream), eventType: "changed");
        });
        return app;
    }

    /// <summary>The services the console's handlers need, bound as one parameter.</summary>
    public sealed record Services(AccessCommandHandler Commands, IIdentityDirectory Directory, IConsoleTranscriptStore Transcript, ChatOpsJitMetrics Metrics);

    public static async Task<Ok<IReadOnlyList<ConsoleUser>>> ListUsersAsync(IIdentityDirectory directory, CancellationToken ct)
    {
        var users = await directory.ListAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<ConsoleUser>>(users.Select(u => new ConsoleUser(u.Email, u.DisplayName, u.Groups)).ToList());
    }

    public static async Task<Results<Ok<ConsoleReply>, BadRequest<ConsoleReply>>> RunCommandAsync(ConsoleCommand body, [AsParameters] Services services, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.User))
        {
            return TypedResults.BadRequest(new ConsoleReply(false, "choose who you are first (field 'user')."));
        }

        var reply = await services.Commands.HandleAsync(Speaker(body.User), body.Text ?? "", ct).ConfigureAwait(false);
        services.Metrics.CommandHandled(PlatformName.Console, reply.IsError);
        return reply.IsError
            ? TypedResults.BadRequest(new ConsoleReply(false, reply.Card.Title, reply.Card))
            : TypedResults.Ok(new ConsoleReply(true, Reply: reply.Card));
    }

    public static async Task<Results<Ok<ConsoleReply>, BadRequest<ConsoleReply>>> PressButtonAsync(ConsoleAction body, [AsParameters] Services services, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.User) || string.IsNullOrWhiteSpace(body.Verb) || string.IsNullOrWhiteSpace(body.RequestId))
        {
            return TypedResults.BadRequest(new ConsoleReply(false, "an action needs 'user', 'verb' and 'requestId'."));
        }

        var input = body.Confirmed == true ? ActionInput.Confirm(body.Input) : null;
        var result = await services.Commands.HandleActionAsync(Speaker(body.User), body.Verb, body.RequestId.Trim(), input, ct).ConfigureAwait(false);
        // A private card (credentials) goes only into this HTTP reply: the console never writes it to its transcript.
        return result.Ok
            ? TypedResults.Ok(new ConsoleReply(true, Message: result.Message, Reply: result.PrivateCard, Card: result.Card, Prompt: result.Prompt))
            : TypedResults.BadRequest(new ConsoleReply(false, "Sorry: " + result.Message, Card: result.Card));
    }

    // The console plays every person, so its user id on the "console platform" is the email the page picked.
    private static ChatUser Speaker(string user) => new(PlatformName.Console, user.Trim(), user.Trim());

    public static async Task<Results<Ok<ConsoleReply>, BadRequest<ConsoleReply>>> StartSessionAsync(ConsoleSessionStart body, SandboxGrantor sandbox, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.RequestId) || string.IsNullOrWhiteSpace(body.User))
        {
            return TypedResults.BadRequest(new ConsoleReply(false, "Sorry: a session needs 'user' and 'requestId'."));
        }

        var session = await sandbox.StartSessionAsync(body.RequestId.Trim(), body.User.Trim(), ct).ConfigureAwait(false);
        return session.SessionId is { } id
            ? TypedResults.Ok(new ConsoleReply(true, Message: $"Starting session with SessionId: {id} (simulated)"))
            : TypedResults.BadRequest(new ConsoleReply(false, "Sorry: " + session.Refusal));
    }

    public static async Task<Ok<ConsoleTranscript>> ReadTranscriptAsync(IConsoleTranscriptStore transcript, CancellationToken ct)
    {
        var revision = await transcript.LatestChangeAsync(ct).ConfigureAwait(false);
        var entries = await transcript.ListAsync(null, ct).ConfigureAwait(false);
        var conversations = entries.GroupBy(e => e.Conversation)
            .Select(g =>
            {
                var (kind, name) = ConsoleConversations.Split(g.Key);
                return new ConsoleConversation(g.Key, kind, name, g.OrderBy(e => e.Seq).Select(e => new ConsoleMessage(e.Seq, e.Card, e.CreatedAt, e.UpdatedAt, e.Revision)).ToList());
            })
            .OrderBy(c => c.Kind switch { "channel" => 0, "dm" => 1, _ => 2 }).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new ConsoleTranscript(revision, conversations));
    }

    private static async IAsyncEnumerable<SseItem<ConsoleChange>> Changes(ConsoleChangeFeed feed, IConsoleTranscriptStore transcript, CancellationTokenSource stream)
    {
        using var owned = stream;
        var ct = stream.Token;
        while (!ct.IsCancellationRequested)
        {
            var next = feed.NextChange;
            yield return new SseItem<ConsoleChange>(new ConsoleChange(await transcript.LatestChangeAsync(ct).ConfigureAwait(false)), "changed");
            // Wake at least every 15 s so proxies keep the stream open and a missed publish is caught up.
            await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(15), ct)).ConfigureAwait(false);
        }
    }

    /// <summary>The payload of a <c>changed</c> event.</summary>
    public sealed record ConsoleChange(long Revision);
}
