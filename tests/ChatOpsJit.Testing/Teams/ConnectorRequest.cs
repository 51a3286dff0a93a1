using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsJit.Testing.Teams;

/// <summary>A Bot Connector request read off the wire: the route after "v3" with its ids decoded, the body and the bearer token.</summary>
internal sealed class ConnectorRequest
{
    public required string Method { get; init; }

    /// <summary>The decoded path, for records and fault matching.</summary>
    public required string Path { get; init; }

    public required string ServiceUrl { get; init; }

    /// <summary>The decoded segments after "/{region}/v3/": ["conversations", "{id}", "activities", "{activityId}"].</summary>
    public required string[] Route { get; init; }

    public string? RawBody { get; init; }

    /// <summary>The body parsed; null when there was none or it was not JSON (see <see cref="BodyIsJson"/>).</summary>
    public JsonNode? Json { get; init; }

    public bool BodyIsJson { get; init; }

    public string? ContentType { get; init; }

    public bool HadAuthorization { get; init; }

    /// <summary>The token of a "Bearer" Authorization header; null for none or another scheme.</summary>
    public string? BearerToken { get; init; }

    public string? ConversationId => Route is ["conversations", var id, ..] ? id : null;

    public string? ActivityId => Route is ["conversations", _, "activities", var id, ..] ? id : null;

    public bool HasBody => !string.IsNullOrEmpty(RawBody);

    /// <summary>The activity a POST or PUT carries: the body itself, or a new channel thread's "activity".</summary>
    public JsonObject? Activity => (Method, Route) switch
    {
        ("POST", ["conversations"]) => Json?["activity"] as JsonObject,
        ("POST" or "PUT", ["conversations", _, "activities", ..]) => Json as JsonObject,
        _ => null,
    };

    public static async Task<ConnectorRequest> ReadAsync(HttpContext context, string[] segments, string serviceUrl)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        JsonNode? json = null;
        var isJson = false;
        if (body.Length > 0)
        {
            try
            {
                json = JsonNode.Parse(body);
                isJson = true;
            }
            catch (JsonException)
            {
                // Answered as BadSyntax by the endpoint; the raw text stays for the record.
            }
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return new ConnectorRequest
        {
            Method = context.Request.Method,
            Path = "/" + string.Join('/', segments),
            ServiceUrl = serviceUrl,
            Route = segments[2..],
            RawBody = body,
            Json = json,
            BodyIsJson = isJson,
            ContentType = context.Request.ContentType,
            HadAuthorization = authorization.Length > 0,
            BearerToken = authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? authorization[bearer.Length..].Trim() : null,
        };
    }
}
