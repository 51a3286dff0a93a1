using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Teams.Tests.StandIn;

/// <summary>An HTTP answer of the stand-in, read once: status, headers and the JSON body if there is one.</summary>
public sealed record Reply(HttpStatusCode Status, JsonNode? Body, string Raw, HttpResponseHeaders Headers)
{
    /// <summary>The Connector's error.code.</summary>
    public string? ErrorCode => Body is JsonObject json && json["error"] is JsonObject error ? error["code"]?.GetValue<string>() : null;

    public string? Text(string name) => Body is JsonObject json && json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public static async Task<Reply> ReadAsync(HttpResponseMessage response)
    {
        var raw = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            body = raw.Length > 0 ? JsonNode.Parse(raw) : null;
        }
        catch (JsonException)
        {
            // Kept raw.
        }

        return new Reply(response.StatusCode, body, raw, response.Headers);
    }

    public override string ToString() => $"{(int)Status} {Raw}";
}
