using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsJit.Testing.Slack;

/// <summary>What Slack hands an app with each interaction: a trigger_id for one modal and a response_url at /respond/{id}.</summary>
public sealed partial class SlackStandIn
{
    /// <summary>A trigger id views.open takes once, within <see cref="SlackStandInOptions.TriggerIdLifetime"/> (3 s).</summary>
    public string NewTriggerId() => _triggers.Issue();

    /// <summary>
    /// A response_url ("http://127.0.0.1:{port}/respond/{id}"). Tied to a message (the one whose button was clicked),
    /// replace_original and delete_original change that message as Slack does.
    /// </summary>
    public string NewResponseUrl(string? channel = null, string? messageTs = null) => $"{BaseUrl}respond/{_responseUrls.Issue(channel, messageTs)}";

    /// <summary>Every POST to a response_url, accepted or refused, in order.</summary>
    public IReadOnlyList<SlackResponseUrlPost> ResponseUrlPosts => _responsePosts.Snapshot();

    /// <summary>The first post to a response_url that matches; fails the test, listing what came, when none comes in time.</summary>
    public Task<SlackResponseUrlPost> WaitForResponseAsync(Func<SlackResponseUrlPost, bool> predicate, string what, TimeSpan? timeout = null) =>
        _responsePosts.WaitForAsync(predicate, what, timeout);

    private async Task HandleResponseUrlAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        var receivedAt = _options.Time.GetUtcNow();
        using var reader = new StreamReader(context.Request.Body);
        var body = StandInJson.ParseObject(await reader.ReadToEndAsync(context.RequestAborted));
        var (status, error, errors) = body is null ? (400, "invalid_payload", []) : Respond(id, body);
        _responsePosts.Add(new SlackResponseUrlPost(id, body ?? [], status, error, receivedAt));

        var answer = error is null ? new JsonObject { ["ok"] = true } : new JsonObject { ["ok"] = false, ["error"] = error };
        if (errors.Count > 0)
        {
            answer["errors"] = new JsonArray(errors.Select(e => (JsonNode?)e).ToArray());
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(StandInJson.Write(answer), context.RequestAborted);
    }

    /// <summary>
    /// A post to a response_url: refused with 404 when the url is unknown, expired or used 5 times, and with 400 when
    /// there is nothing to show or the blocks are bad; otherwise it replaces, deletes or (a new reply) just records.
    /// </summary>
    private (int Status, string? Error, IReadOnlyList<string> Errors) Respond(string id, JsonObject body)
    {
        var (url, urlError) = _responseUrls.TryUse(id);
        if (urlError is not null || url is null)
        {
            return (404, urlError ?? "no_service", []);
        }

        if (SlackArgs.Flag(body, "delete_original"))
        {
            if (url is { Channel: { } channel, MessageTs: { } ts })
            {
                _messages.Delete(channel, ts);
            }

            return (200, null, []);
        }

        var text = SlackArgs.Text(body, "text");
        if (_checks.MessageBlocks(body["blocks"], out var blocks) is { } problem)
        {
            _responseUrls.GiveBack(id);
            return (400, problem.Error, problem.Errors);
        }

        if (string.IsNullOrEmpty(text) && blocks is not { Count: > 0 })
        {
            _responseUrls.GiveBack(id);
            return (400, "no_text", []);
        }

        // Replacing sets text and blocks both: a reply without blocks leaves none, unlike chat.update.
        if (SlackArgs.Flag(body, "replace_original") && url is { Channel: { } original, MessageTs: { } originalTs })
        {
            _messages.Update(original, originalTs, text ?? "", blocks ?? [], "response_url");
        }

        _payloads.Message(text, blocks);
        return (200, null, []);
    }
}
