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

    private static async Task CommandAsync(HttpContext context, SlackRequestGate gate, SlackCommands commands)
    {
        if (await gate.OpenAsync(context).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        if (SlashCommand.FromForm(request.Form()) is not { } command)
        {
            await BadRequestAsync(context, "a slash command names its user_id").ConfigureAwait(false);
            return;
        }

        await AnswerAsync(context, await commands.HandleAsync(command).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static async Task InteractionAsync(HttpContext context, SlackRequestGate gate, SlackInteractions interactions)
    {
        if (await gate.OpenAsync(context).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        if (request.Payload() is not { } payload)
        {
            await BadRequestAsync(context, "an interaction carries a JSON 'payload' field").ConfigureAwait(false);
            return;
        }

        await AnswerAsync(context, await interactions.HandleAsync(payload).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static async Task EventAsync(HttpContext context, SlackRequestGate gate, SlackEvents events)
    {
        if (await gate.OpenAsync(context).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        if (request.Json() is not { } body)
        {
            await BadRequestAsync(context, "an event is a JSON object").ConfigureAwait(false);
            return;
        }

        await AnswerAsync(context, events.Handle(body)).ConfigureAwait(false);
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
