using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace ChatOpsJit.Slack.Signing;

/// <summary>
/// The door of every Slack endpoint: reads the raw body (bounded), verifies its signature before anything parses it,
/// and turns a failure into 401 with a log line that names the reason and the path, never the body.
/// </summary>
public sealed class SlackRequestGate(SlackSignatureVerifier verifier, SlackMetrics metrics, ILogger<SlackRequestGate> logger)
{
    /// <summary>Views are at most 250 KB; anything much bigger is not Slack.</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>The verified body, or null when the request was answered (401, 413) and must not be looked at.</summary>
    public async Task<VerifiedSlackRequest?> OpenAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "the body is larger than any Slack request").ConfigureAwait(false);
            return null;
        }

        // Sized by Content-Length when Slack sends one (it always does), so a typical command is read in one buffer.
        using var buffer = new MemoryStream(request.ContentLength is { } length and > 0 ? (int)length : 4096);
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "the body is larger than any Slack request").ConfigureAwait(false);
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var body = buffer.ToArray();
        var problem = verifier.Verify(request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"], body);
        if (problem is not null)
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, problem).ConfigureAwait(false);
            return null;
        }

        metrics.Request(request.Path.Value ?? "", "accepted");
        return new VerifiedSlackRequest(body);
    }

    private async Task RefuseAsync(HttpContext context, int status, string why)
    {
        logger.LogWarning("Refused a request to {Path}: {Reason}", context.Request.Path.Value, why);
        metrics.Request(context.Request.Path.Value ?? "", status == StatusCodes.Status401Unauthorized ? "bad_signature" : "too_large");
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(status == StatusCodes.Status401Unauthorized ? "invalid Slack signature\n" : "request too large\n").ConfigureAwait(false);
    }
}

/// <summary>A request body whose Slack signature checked out; only now may it be parsed.</summary>
public sealed class VerifiedSlackRequest(byte[] body)
{
    public Dictionary<string, StringValues> Form() => QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));

    /// <summary>The JSON object in the body (Events API), or null when it is not one.</summary>
    public JsonObject? Json() => Parse(Encoding.UTF8.GetString(body));

    /// <summary>The JSON object in the form field <c>payload</c> (interactivity), or null.</summary>
    public JsonObject? Payload() => Form().TryGetValue("payload", out var payload) ? Parse(payload.ToString()) : null;

    private static JsonObject? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
