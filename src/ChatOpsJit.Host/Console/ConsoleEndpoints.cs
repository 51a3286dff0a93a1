using System.Net.ServerSentEvents;
using ChatOpsJit.Core.Commands;
using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Sandbox;
using ChatOpsJit.Host.Telemetry;
using ChatOpsJit.Storage.Sqlite;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatOpsJit.Host.Console;

/// <summary>The dev console: a page and a small HTTP API that play a chat workspace against the same core.</summary>
public static class ConsoleEndpoints
{
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console", (IWebHostEnvironment env) => Results.File(Path.Combine(env.WebRootPath, "console", "index.html"), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        var api = app.MapGroup("/console/api");
        api.MapGet("/users", ListUsersAsync);
        api.MapPost("/commands", RunCommandAsync);
        api.MapPost("/actions", PressButtonAsync);
        api.MapPost("/sessions", StartSessionAsync);
        api.MapGet("/transcript", ReadTranscriptAsync);
        api.MapGet("/events", (ConsoleChangeFeed feed, ConsoleTranscriptStore transcript, IHostApplicationLifetime lifetime, CancellationToken ct) =>
        {
            // An open stream must not hold up shutdown, so it also ends when the host begins to stop.
            var stream = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
            return TypedResults.ServerSentEvents(Changes(feed, transcript, stream), eventType: "changed");
        });
        return app;
    }

    /// <summary>The services the console's handlers need, bound as one parameter.</summary>
    public sealed record Services(AccessCommandHandler Commands, IIdentityDirectory Directory, ConsoleTranscriptStore Transcript, ChatOpsJitMetrics Metrics);

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

        var reply = await services.Commands.HandleAsync(new ChatUser(ConsoleChatPlatform.PlatformName, body.User.Trim()), body.Text ?? "", ct).ConfigureAwait(false);
        services.Metrics.CommandHandled(ConsoleChatPlatform.PlatformName, reply.IsError);
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

        var result = await services.Commands.HandleActionAsync(new ChatUser(ConsoleChatPlatform.PlatformName, body.User.Trim()), body.Verb, body.RequestId.Trim(), ct).ConfigureAwait(false);
        return result.Ok
            ? TypedResults.Ok(new ConsoleReply(true, Message: result.Message))
            : TypedResults.BadRequest(new ConsoleReply(false, "Sorry: " + result.Message));
    }

    public static async Task<Results<Ok<ConsoleReply>, BadRequest<ConsoleReply>>> StartSessionAsync(ConsoleSessionStart body, SandboxGrantor sandbox, CancellationToken ct)
    {
        var session = string.IsNullOrWhiteSpace(body.RequestId) || string.IsNullOrWhiteSpace(body.User)
            ? null
            : await sandbox.StartSessionAsync(body.RequestId.Trim(), body.User.Trim(), ct).ConfigureAwait(false);
        return session is null
            ? TypedResults.BadRequest(new ConsoleReply(false, $"Sorry: you hold no live grant {body.RequestId} in the sandbox, so no session can start."))
            : TypedResults.Ok(new ConsoleReply(true, Message: $"Starting session with SessionId: {session} (simulated)"));
    }

    public static async Task<Ok<ConsoleTranscript>> ReadTranscriptAsync(ConsoleTranscriptStore transcript, CancellationToken ct)
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

    private static async IAsyncEnumerable<SseItem<ConsoleChange>> Changes(ConsoleChangeFeed feed, ConsoleTranscriptStore transcript, CancellationTokenSource stream)
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
