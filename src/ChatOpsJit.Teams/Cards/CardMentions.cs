using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Teams.Cards;

/// <summary>The card's mention line and its entities: the one TextBlock (and so the one place with <c>&lt;at&gt;</c>) the renderer writes.</summary>
/// <remarks>
/// Teams turns <c>&lt;at&gt;Name&lt;/at&gt;</c> in a TextBlock into a mention of the entity in <c>msteams.entities</c> whose
/// <c>text</c> is exactly that. Names are <see cref="TeamsText.Plain"/>, so no name holds a <c>&lt;</c> that could close its
/// tag early or open another, and each entity's text is built from the very string written on the line.
/// </remarks>
internal static class CardMentions
{
    /// <summary>The id of the mention line's TextBlock.</summary>
    public const string LineId = "mentions";

    private const string Prefix = CardWording.MentionPrefix;

    /// <summary>
    /// "For: &lt;at&gt;Ann Lee&lt;/at&gt;, &lt;at&gt;Bob&lt;/at&gt;, sre-leads": the resolved people as mentions (each id once), then
    /// the card's groups as plain text (Teams mentions people only), at most <see cref="CardLimits.MaxMentions"/> of each
    /// and a count of the rest; null when there is nobody to name.
    /// </summary>
    public static (JsonObject? Line, List<JsonObject> Entities) Build(ChatCard card, CardRendering rendering, CardLimits limits)
    {
        var people = rendering.Mentions
            .Where(m => CardLimits.IsId(m.Id) && !TeamsText.IsBlank(m.Name))
            .DistinctBy(m => m.Id, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var groups = card.Mentions
            .Where(m => m.Kind == CardMentionKind.Group && !TeamsText.IsBlank(m.Name))
            .Select(m => m.Name.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        var entities = new List<JsonObject>();
        var parts = new List<string>();
        foreach (var person in people.Take(CardLimits.MaxMentions))
        {
            var name = Inline(person.Name, limits);
            var text = $"<at>{name}</at>";
            parts.Add(text);
            entities.Add(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = text,
                ["mentioned"] = new JsonObject { ["id"] = person.Id, ["name"] = name },
            });
        }

        parts.AddRange(groups.Take(CardLimits.MaxMentions).Select(g => Inline(g, limits)));
        if (parts.Count == 0)
        {
            return (null, entities);
        }

        var left = Math.Max(people.Count - CardLimits.MaxMentions, 0) + Math.Max(groups.Count - CardLimits.MaxMentions, 0);
        var line = Prefix + string.Join(", ", parts) + (left > 0 ? $" and {left} more" : "");
        return (AdaptiveElements.TextBlock(line, LineId), entities);
    }

    // A name on one line, cut and made Plain; the joiner Plain starts a line with is dropped, since the name stands
    // inside the renderer's own line, after "For: " or a comma, never at its start.
    private static string Inline(string name, CardLimits limits)
    {
        var plain = TeamsText.Plain(TeamsText.Truncate(string.Join(' ', TeamsText.Lines(name.Trim())), limits.Name));
        return plain.Length > 0 && plain[0] == TeamsText.Joiner ? plain[1..] : plain;
    }
}
