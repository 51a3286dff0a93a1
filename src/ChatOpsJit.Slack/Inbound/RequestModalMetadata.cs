using System.Text.Json;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>
/// What the request modal remembers in its <c>private_metadata</c>: where <c>/access</c> was typed, so the answer to the
/// submitted form goes back there. Slack keeps it server-side; it still only says where to answer, never who may do what.
/// </summary>
public sealed record RequestModalMetadata(string Channel, string? ResponseUrl)
{
    public string Write() => JsonSerializer.Serialize(this, ModalJson.Options);

    public static RequestModalMetadata Read(string? text) => ModalJson.Read<RequestModalMetadata>(text) ?? new RequestModalMetadata("", null);
}

/// <summary>What a prompt modal (Deny, Revoke, Extend…) remembers: the button pressed, and where to answer.</summary>
public sealed record PromptModalMetadata(string Verb, string RequestId, string? ResponseUrl, bool FromHome)
{
    public string Write() => JsonSerializer.Serialize(this, ModalJson.Options);

    public static PromptModalMetadata? Read(string? text) => ModalJson.Read<PromptModalMetadata>(text);
}

internal static class ModalJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static T? Read<T>(string? text) where T : class
    {
        try
        {
            return string.IsNullOrEmpty(text) ? null : JsonSerializer.Deserialize<T>(text, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
