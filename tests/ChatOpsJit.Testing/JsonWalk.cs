using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing;

/// <summary>Every string value in a JSON tree (a Block Kit payload, an Adaptive Card), with the name of the property holding it.</summary>
public static class JsonWalk
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

    /// <summary>The strings a payload draws under the name <c>text</c> (Slack's text objects, Adaptive Cards' text); not ids, values or types.</summary>
    public static IEnumerable<string> Texts(JsonNode? node) => Strings(node).Where(s => s.Key == "text").Select(s => s.Value);

    /// <summary>How often <paramref name="part"/> occurs in <paramref name="text"/>, ignoring case.</summary>
    public static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }
}
