using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>What the stand-in answers a Web API call: Slack answers method errors with HTTP 200 and ok:false, so status is rarely anything else.</summary>
internal sealed record WebApiAnswer(int StatusCode, JsonObject Body, TimeSpan? RetryAfter = null)
{
    public static WebApiAnswer Ok(JsonObject? fields = null)
    {
        var body = new JsonObject { ["ok"] = true };
        foreach (var (name, value) in fields ?? [])
        {
            body[name] = value?.DeepClone();
        }

        return new WebApiAnswer(200, body);
    }

    public static WebApiAnswer Error(string code, JsonObject? extra = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error"] = code };
        foreach (var (name, value) in extra ?? [])
        {
            body[name] = value?.DeepClone();
        }

        return new WebApiAnswer(200, body);
    }

    /// <summary>Slack's way of naming what is wrong: errors[] plus the same lines, prefixed [ERROR], in response_metadata.messages.</summary>
    public static WebApiAnswer Error(BlockProblem problem) => Error(problem.Error, new JsonObject
    {
        ["errors"] = new JsonArray(problem.Errors.Select(e => (JsonNode?)e).ToArray()),
        ["response_metadata"] = new JsonObject { ["messages"] = new JsonArray(problem.Errors.Select(e => (JsonNode?)$"[ERROR] {e}").ToArray()) },
    });

    /// <summary>An injected or simulated failure: 429 carries Retry-After (Slack always sends one), 5xx a Slack error code.</summary>
    public static WebApiAnswer Failure(int statusCode, TimeSpan? retryAfter)
    {
        var code = statusCode switch
        {
            429 => "ratelimited",
            500 => "internal_error",
            503 => "service_unavailable",
            _ => "fatal_error",
        };
        var wait = statusCode == 429 ? retryAfter ?? TimeSpan.FromSeconds(1) : retryAfter;
        return Error(code) with { StatusCode = statusCode, RetryAfter = wait };
    }

    /// <summary>Adds a warning the way Slack does: a warning field and response_metadata.warnings.</summary>
    public WebApiAnswer WithWarning(string warning)
    {
        var body = (JsonObject)Body.DeepClone();
        body["warning"] = warning;
        var metadata = body["response_metadata"] as JsonObject ?? new JsonObject();
        metadata["warnings"] = new JsonArray(warning);
        body["response_metadata"] = metadata;
        return this with { Body = body };
    }
}
