using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>How one request is answered: status, JSON body (none for an empty 200) and an optional Retry-After.</summary>
/// <param name="ErrorCode">The error's code as a test reads it in <see cref="ConnectorCall.ErrorCode"/>; null on success.</param>
internal sealed record HttpAnswer(int Status, JsonNode? Body, string? ErrorCode = null, TimeSpan? RetryAfter = null)
{
    public bool IsError => Status >= 400;

    public static HttpAnswer Ok(JsonNode? body, int status = 200) => new(status, body);
}
