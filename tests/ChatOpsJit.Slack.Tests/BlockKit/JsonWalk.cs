using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.Tests.BlockKit;

/// <summary>Every string value in a JSON tree, with the name of the property holding it.</summary>
internal static class JsonWalk
{
    public static IEnumerable<(string Key, string Value)> Strings(JsonNode? node, string key = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    foreach (var s in Strings(child, name))
                    {
                        yield return s;
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var s in Strings(child, key))
                    {
                        yield return s;
                    }
                }
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return (key, text);
                break;
        }
    }

    /// <summary>The strings Slack draws: text object texts (not ids, values or types).</summary>
    public static IEnumerable<string> Texts(JsonNode? node) => Strings(node).Where(s => s.Key == "text").Select(s => s.Value);
}
