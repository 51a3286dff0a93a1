using System.Text.Json.Nodes;
using ChatOpsJit.Teams.Cards;

namespace ChatOpsJit.Teams.Tests.Cards;

/// <summary>Reading a rendered card back: its elements, texts, buttons and mentions.</summary>
internal static class CardJson
{
    /// <summary>Every object in the tree, depth first, the root first.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (_, child) in obj)
                {
                    foreach (var o in Objects(child))
                    {
                        yield return o;
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var o in Objects(child))
                    {
                        yield return o;
                    }
                }
                break;
        }
    }

    /// <summary>Every string value in the tree with the name of the property holding it.</summary>
    public static IEnumerable<(string Key, string Value)> Strings(JsonNode? node) => JsonWalk.Strings(node);

    public static string? Type(JsonObject o) => (string?)o["type"];

    public static IEnumerable<JsonObject> OfType(JsonNode card, string type) => Objects(card["body"]).Where(o => Type(o) == type);

    /// <summary>The buttons in the body: Action.Execute, not their fallbacks or the refresh action.</summary>
    public static List<JsonObject> Buttons(JsonNode card) =>
        OfType(card, "ActionSet").SelectMany(s => s["actions"]!.AsArray().Select(a => a!.AsObject())).ToList();

    /// <summary>The texts of the TextRuns in order, joiners removed: what a reader sees.</summary>
    public static List<string> RunTexts(JsonNode card) =>
        OfType(card, "TextRun").Select(r => Seen((string)r["text"]!)).ToList();

    public static JsonObject? MentionLine(JsonNode card) =>
        OfType(card, "TextBlock").SingleOrDefault(t => (string?)t["id"] == "mentions");

    public static List<JsonObject> Entities(JsonNode card) =>
        card["msteams"]?["entities"]?.AsArray().Select(e => e!.AsObject()).ToList() ?? [];

    /// <summary><paramref name="text"/> as shown: the invisible joiners dropped.</summary>
    public static string Seen(string text) => text.Replace(TeamsText.Joiner.ToString(), "", StringComparison.Ordinal);

    /// <summary>How often <paramref name="part"/> occurs in <paramref name="text"/>, ignoring case.</summary>
    public static int Count(string text, string part) => JsonWalk.Count(text, part);
}
