using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.Slack;

/// <summary>Reads Web API arguments the way Slack does: a form sends every value as a string, JSON sends typed values.</summary>
internal static class SlackArgs
{
    /// <summary>Arguments Slack takes as JSON; a form (or a careless JSON client) sends them as JSON strings.</summary>
    public static readonly string[] JsonValued = ["blocks", "view", "attachments", "metadata"];

    public static string? Text(JsonObject args, string name) => args[name] switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>() ? "true" : "false",
        _ => null,
    };

    /// <summary>A boolean argument given as JSON true or as the form string "true" (or "1").</summary>
    public static bool Flag(JsonObject args, string name) => Text(args, name) is "true" or "1";

    /// <summary>Replaces each JSON-valued argument given as a string by the JSON it holds; one that does not parse stays a string.</summary>
    public static void ParseJsonValued(JsonObject args)
    {
        foreach (var name in JsonValued)
        {
            if (args[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                try
                {
                    args[name] = JsonNode.Parse(value.GetValue<string>());
                }
                catch (JsonException)
                {
                    // Left as a string: the method answers with Slack's error for malformed JSON (invalid_blocks_format…).
                }
            }
        }
    }

    public static string Invariant(long number) => number.ToString(CultureInfo.InvariantCulture);
}
