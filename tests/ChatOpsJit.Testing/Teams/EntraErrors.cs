using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>Entra's OAuth error bodies: error, error_description (led by the AADSTS code), error_codes and ids for support.</summary>
internal static class EntraErrors
{
    public static HttpAnswer Error(int status, string error, int aadsts, string description, DateTimeOffset now)
    {
        var traceId = Guid.NewGuid().ToString();
        var body = new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{aadsts.ToString(CultureInfo.InvariantCulture)}: {description} Trace ID: {traceId} Correlation ID: {Guid.NewGuid()} Timestamp: {now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}",
            ["error_codes"] = new JsonArray(aadsts),
            ["timestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["trace_id"] = traceId,
            ["correlation_id"] = Guid.NewGuid().ToString(),
            ["error_uri"] = "https://login.microsoftonline.com/error?code=" + aadsts.ToString(CultureInfo.InvariantCulture),
        };
        return new HttpAnswer(status, body, $"{error} AADSTS{aadsts.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>A missing form field, as Entra names it.</summary>
    public static HttpAnswer Missing(string field, DateTimeOffset now) =>
        Error(400, "invalid_request", 900144, $"The request body must contain the following parameter: '{field}'.", now);

    /// <summary>A fault a test asked for: throttling and outages as Entra reports them.</summary>
    public static HttpAnswer Fault(int status, TimeSpan? retryAfter, DateTimeOffset now)
    {
        var answer = status switch
        {
            429 => Error(429, "temporarily_unavailable", 50196, "The server terminated an operation because it encountered a client request loop.", now),
            >= 500 => Error(status, "temporarily_unavailable", 90033, "A transient error has occurred. Please try again.", now),
            401 => Error(401, "invalid_client", 7000215, "Invalid client secret provided.", now),
            _ => Error(status, "invalid_request", 900144, "The request was refused (injected by the test).", now),
        };
        return answer with { RetryAfter = retryAfter };
    }
}
