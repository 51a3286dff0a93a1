using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsJit.Teams.Auth;
using ChatOpsJit.Teams.Conversations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Teams.Inbound;

/// <summary>
/// The door of <c>POST /api/messages</c>: the bearer token is validated before the body is read, then the activity is held
/// to the token (the <c>serviceurl</c> claim, the key's endorsement for its channel, an allowed tenant). Anything wrong
/// answers 401 with one log line giving the reason, never the token or the body, and changes nothing.
/// </summary>
public sealed class TeamsRequestGate(
    BotFrameworkTokenValidator tokens, TrustedServiceUrls serviceUrls, TeamsConversations conversations, IOptions<TeamsOptions> options,
    TeamsMetrics metrics, ILogger<TeamsRequestGate> logger)
{
    /// <summary>Teams' activities are far smaller; a larger body is refused unread.</summary>
    private const int MaxBody = 1024 * 1024;

    /// <summary>The authenticated activity, or null once the response has been written.</summary>
    public async Task<TeamsActivity?> OpenAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var token = await tokens.ValidateAsync(context.Request.Headers.Authorization.ToString(), ct).ConfigureAwait(false);
        if (!token.Succeeded)
        {
            return await RefuseAsync(context, StatusCodes.Status401Unauthorized, token.Failure, "unread", "bad_token").ConfigureAwait(false);
        }

        if (await ReadAsync(context.Request, ct).ConfigureAwait(false) is not { } body)
        {
            return await RefuseAsync(context, StatusCodes.Status400BadRequest, "the body is not a JSON activity under 1 MiB", "unread", "bad_request").ConfigureAwait(false);
        }

        if (TeamsActivity.Read(body) is not { } activity)
        {
            return await RefuseAsync(context, StatusCodes.Status400BadRequest, "the activity lacks its type, serviceUrl, conversation or from", "unread", "bad_request").ConfigureAwait(false);
        }

        if (ActivityAuthorization.Check(token, activity.ChannelId, activity.ServiceUrl.ToString(), activity.TenantId, options.Value) is { } problem)
        {
            return await RefuseAsync(context, StatusCodes.Status401Unauthorized, problem, activity.Type, "refused").ConfigureAwait(false);
        }

        // Only now is the service URL one that Microsoft vouched for; the bot's token may be sent there.
        await serviceUrls.LearnAsync(activity.ServiceUrl, ct).ConfigureAwait(false);
        await conversations.RememberAsync(activity, ct).ConfigureAwait(false);
        metrics.Activity(activity.Type, "accepted");
        return activity;
    }

    private static async Task<JsonObject?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBody)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray()) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<TeamsActivity?> RefuseAsync(HttpContext context, int status, string why, string type, string outcome)
    {
        metrics.Activity(type, outcome);
        logger.LogWarning("Teams request to {Path} refused ({Status}): {Reason}", context.Request.Path, status, why);
        context.Response.StatusCode = status;
        await context.Response.WriteAsync($"refused: {why}\n", context.RequestAborted).ConfigureAwait(false);
        return null;
    }
}
