using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.Inbound;

/// <summary>Reads fields out of Slack's JSON payloads without trusting their shape: a missing or odd field reads as null.</summary>
internal static class SlackPayload
{
    public static string? Text(JsonNode? node, params string[] path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject o ? o[name] : null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    public static JsonObject? Object(JsonNode? node, params string[] path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject o ? o[name] : null;
        }

        return node as JsonObject;
    }

    /// <summary>A modal input's value: <c>state.values[block][action]</c>, typed text or the picked option's value.</summary>
    public static string? InputValue(JsonObject? view, string block, string action)
    {
        var input = Object(view, "state", "values", block, action);
        return Text(input, "value") ?? Text(input, "selected_option", "value");
    }
}
