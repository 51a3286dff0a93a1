using System.Text.Json.Nodes;
using ChatOpsJit.Slack.Inbound;
using ChatOpsJit.Slack.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Slack;

/// <summary>Slack's four request URLs; each verifies the signature first, then hands the request to the handler Socket Mode also uses.</summary>
public static class SlackEndpoints
{
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value.Enabled)
        {
            return app;
        }

        var slack = app.MapGroup("/slack").ExcludeFromDescription();
        slack.MapPost("/commands", CommandAsync);
        slack.MapPost("/interactions", InteractionAsync);
        slack.MapPost("/options", InteractionAsync);
        slack.MapPost("/events", EventAsync);
        return app;
    }

    private static Task CommandAsync(HttpContext context, SlackRequestGate gate, SlackCommands commands) =>
        ServeAsync(context, gate, r => SlashCommand.FromForm(r.Form()), "a slash command names its user_id", commands.HandleAsync);

    private static Task InteractionAsync(HttpContext context, SlackRequestGate gate, SlackInteractions interactions) =>
        ServeAsync(context, gate, r => r.Payload(), "an interaction carries a JSON 'payload' field", interactions.HandleAsync);

    private static Task EventAsync(HttpContext context, SlackRequestGate gate, SlackEvents events) =>
        ServeAsync(context, gate, r => r.Json(), "an event is a JSON object", body => Task.FromResult(events.Handle(body)));

    // The one shape of every endpoint: verify, then parse, then hand over; the handler's answer is Slack's 200 body.
    private static async Task ServeAsync<T>(
        HttpContext context, SlackRequestGate gate, Func<VerifiedSlackRequest, T?> read, string expected, Func<T, Task<JsonObject?>> handle) where T : class
    {
        if (await gate.OpenAsync(context).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        if (read(request) is not { } parsed)
        {
            await BadRequestAsync(context, expected).ConfigureAwait(false);
            return;
        }

        await AnswerAsync(context, await handle(parsed).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static Task AnswerAsync(HttpContext context, JsonObject? body)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        return body is null ? Task.CompletedTask : context.Response.WriteAsJsonAsync(body, context.RequestAborted);
    }

    private static Task BadRequestAsync(HttpContext context, string why)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsync($"bad Slack request: {why}\n");
    }
}
