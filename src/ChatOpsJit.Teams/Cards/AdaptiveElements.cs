using System.Text.Json.Nodes;

namespace ChatOpsJit.Teams.Cards;

/// <summary>How a run of text looks: the TextRun properties the cards use.</summary>
internal sealed record RunStyle(string? Size = null, string? Weight = null, string? Color = null, bool Subtle = false, bool Monospace = false)
{
    public static RunStyle Normal { get; } = new();
}

/// <summary>The Adaptive Card 1.5 elements the cards are built from, as JSON; texts must already be neutralized for their place.</summary>
internal static class AdaptiveElements
{
    /// <summary>A line is never sent empty: an empty TextRun draws nothing, so a blank line of code would vanish.</summary>
    private const string BlankLine = "\u00A0";

    /// <summary>A RichTextBlock of one TextRun: text Teams shows as is, never as Markdown.</summary>
    public static JsonObject RichText(string text, RunStyle style, string? spacing = null)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text.Length == 0 ? BlankLine : text };
        if (style.Size is { } size)
        {
            run["size"] = size;
        }
        if (style.Weight is { } weight)
        {
            run["weight"] = weight;
        }
        if (style.Color is { } color)
        {
            run["color"] = color;
        }
        if (style.Subtle)
        {
            run["isSubtle"] = true;
        }
        if (style.Monospace)
        {
            run["fontType"] = "Monospace";
        }

        var block = new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(run) };
        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }
        return block;
    }

    /// <summary>
    /// One RichTextBlock per line of <paramref name="text"/>, so line breaks show in every client; blank lines are dropped
    /// (the next line is set apart instead) unless <paramref name="keepBlankLines"/>, as code needs.
    /// </summary>
    /// <param name="neutralize">Makes each line safe for a TextRun (<see cref="TeamsText.Run"/> or <see cref="TeamsText.Code"/>).</param>
    /// <param name="maxLines">Past this many lines the rest is left out and a last line "…" says so.</param>
    public static List<JsonObject> Lines(string text, RunStyle style, Func<string, string> neutralize, int maxLines, string? firstSpacing = null, bool keepBlankLines = false)
    {
        var blocks = new List<JsonObject>();
        var gap = false;
        foreach (var line in TeamsText.Lines(text))
        {
            if (!keepBlankLines && TeamsText.IsBlank(line))
            {
                gap = blocks.Count > 0;
                continue;
            }

            if (blocks.Count == maxLines)
            {
                blocks.Add(RichText(TeamsText.Ellipsis, style, "None"));
                break;
            }

            var spacing = blocks.Count == 0 ? firstSpacing : gap ? "Medium" : "None";
            blocks.Add(RichText(neutralize(line), style, spacing));
            gap = false;
        }
        return blocks;
    }

    /// <summary>A TextBlock, the one element whose text Teams reads as Markdown and mentions: for <see cref="TeamsText.Plain"/> text only.</summary>
    public static JsonObject TextBlock(string plainText, string? id = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = plainText, ["wrap"] = true };
        if (id is not null)
        {
            block["id"] = id;
        }
        return block;
    }

    public static JsonObject Container(IEnumerable<JsonObject> items, string? style = null, string? spacing = null)
    {
        var container = new JsonObject { ["type"] = "Container", ["items"] = Array(items) };
        if (style is not null)
        {
            container["style"] = style;
        }
        if (spacing is not null)
        {
            container["spacing"] = spacing;
        }
        return container;
    }

    /// <summary>A column of <paramref name="items"/>; <paramref name="weight"/> is its share of the row.</summary>
    public static JsonObject Column(IEnumerable<JsonObject> items, int weight) =>
        new() { ["type"] = "Column", ["width"] = weight, ["items"] = Array(items) };

    public static JsonObject ColumnSet(IEnumerable<JsonObject> columns, string? spacing = null)
    {
        var set = new JsonObject { ["type"] = "ColumnSet", ["columns"] = Array(columns) };
        if (spacing is not null)
        {
            set["spacing"] = spacing;
        }
        return set;
    }

    public static JsonObject ActionSet(IEnumerable<JsonObject> actions) =>
        new() { ["type"] = "ActionSet", ["actions"] = Array(actions) };

    public static JsonArray Array(IEnumerable<JsonNode> nodes) => new(nodes.ToArray());
}
