using ChatOpsJit.Teams.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Teams;

/// <summary>The Bot Framework messaging endpoint, <c>POST /api/messages</c>: the gate authenticates, then each activity type goes to its handler.</summary>
public static class TeamsEndpoints
{
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value.Enabled)
        {
            app.MapPost("/api/messages", MessagesAsync).ExcludeFromDescription();
        }

        return app;
    }

    private static async Task MessagesAsync(
        HttpContext context, TeamsRequestGate gate, TeamsMessages messages, TeamsInvokes invokes, TeamsInstalls installs)
    {
        if (await gate.OpenAsync(context).ConfigureAwait(false) is not { } activity)
        {
            return;
        }

        var ct = context.RequestAborted;
        switch (activity.Type)
        {
            case "message":
                await messages.HandleAsync(activity, ct).ConfigureAwait(false);
                break;
            case "invoke" when activity.Name == TeamsInvokes.AdaptiveCardAction:
                // An invoke's answer is its HTTP body; the status stays 200 even for a refusal, as Teams requires.
                context.Response.StatusCode = StatusCodes.Status200OK;
                await context.Response.WriteAsJsonAsync(await invokes.HandleAsync(activity, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                return;
            case "invoke":
                context.Response.StatusCode = StatusCodes.Status501NotImplemented;
                return;
            case "conversationUpdate" or "installationUpdate":
                await installs.HandleAsync(activity, ct).ConfigureAwait(false);
                break;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
