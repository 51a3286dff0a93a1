using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Teams;

/// <summary>Reading activity JSON without throwing on what a bot got wrong: a missing or non-string field reads as null.</summary>
internal static class TeamsJson
{
    public const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";

    public static string? Text(JsonNode? node, string name) =>
        node is JsonObject json && json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static string? Text(JsonNode? node, string name, string inner) => Text(node is JsonObject json ? json[name] : null, inner);

    /// <summary>The content of every Adaptive Card attachment of an activity, copied.</summary>
    public static IReadOnlyList<JsonObject> Cards(JsonObject activity) =>
        activity["attachments"] is JsonArray attachments
            ? attachments
                .OfType<JsonObject>()
                .Where(a => Text(a, "contentType") == AdaptiveCardType && a["content"] is JsonObject)
                .Select(a => (JsonObject)a["content"]!.DeepClone())
                .ToList()
            : [];
}
