using System.Text.Json.Nodes;

namespace ChatOpsJit.Testing.AdaptiveCards;

/// <summary>
/// Checks of the Teams-only parts of a card, which Microsoft's library drops unread: <c>msteams</c> (mention entities,
/// width) and the <c>refresh</c> clause's user list.
/// </summary>
internal static class TeamsChecks
{
    /// <summary>Teams refreshes a card automatically for at most this many users.</summary>
    public const int MaxRefreshUsers = 60;

    public static List<CardEvent> Check(JsonNode? card)
    {
        var events = new List<CardEvent>();
        void Add(string name, string message) => events.Add(new CardEvent(name, "Teams", message));

        if (card is not JsonObject root)
        {
            return events;
        }

        if (root["msteams"] is { } msteams)
        {
            if (msteams is not JsonObject teams)
            {
                Add("MsteamsNotAnObject", "msteams must be an object");
                return events;
            }

            if (teams["width"] is { } width && (width.GetValueKind() != System.Text.Json.JsonValueKind.String || (string?)width != "Full"))
            {
                Add("InvalidWidth", $"msteams.width is {width.ToJsonString()}; Teams knows only \"Full\"");
            }

            var textBlocks = TextBlockTexts(root["body"]).ToList();
            if (teams["entities"] is { } entities)
            {
                if (entities is not JsonArray list)
                {
                    Add("EntitiesNotAnArray", "msteams.entities must be an array");
                    return events;
                }

                foreach (var entity in list)
                {
                    var text = (entity as JsonObject)?["text"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
                    var mentioned = (entity as JsonObject)?["mentioned"] as JsonObject;
                    if ((string?)(entity as JsonObject)?["type"] != "mention" || text is null || mentioned is null ||
                        string.IsNullOrWhiteSpace((string?)mentioned["id"]) || string.IsNullOrWhiteSpace((string?)mentioned["name"]))
                    {
                        Add("InvalidMention", $"a mention entity needs type \"mention\", text and mentioned {{id, name}}: {entity?.ToJsonString()}");
                    }
                    else if (!text.StartsWith("<at>", StringComparison.Ordinal) || !text.EndsWith("</at>", StringComparison.Ordinal))
                    {
                        Add("InvalidMention", $"a mention's text is <at>…</at>: {text}");
                    }
                    else if (!textBlocks.Any(b => b.Contains(text, StringComparison.Ordinal)))
                    {
                        Add("MentionNotInText", $"no TextBlock holds the mention {text}, so Teams shows no mention");
                    }
                }
            }
        }

        if (root["refresh"]?["userIds"] is { } userIds)
        {
            if (userIds is not JsonArray ids || ids.Any(i => i is not JsonValue v || !v.TryGetValue<string>(out _)))
            {
                Add("InvalidRefreshUsers", "refresh.userIds must be an array of user MRIs");
            }
            else if (ids.Count > MaxRefreshUsers)
            {
                Add("TooManyRefreshUsers", $"refresh.userIds lists {ids.Count} users; Teams refreshes for at most {MaxRefreshUsers}");
            }
        }

        return events;
    }

    private static IEnumerable<string> TextBlockTexts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if ((string?)obj["type"] == "TextBlock" && obj["text"] is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    yield return text;
                }
                foreach (var (_, child) in obj)
                {
                    foreach (var t in TextBlockTexts(child))
                    {
                        yield return t;
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var t in TextBlockTexts(child))
                    {
                        yield return t;
                    }
                }
                break;
        }
    }
}
