using System.Text.Json.Nodes;
using ChatOpsJit.Core.Notifications;
using static ChatOpsJit.Teams.Cards.AdaptiveElements;

namespace ChatOpsJit.Teams.Cards;

/// <summary>
/// The texts of a <see cref="ChatCard"/> as Adaptive Card elements, in Slack's order and with Slack's content. Every text is
/// user text: it goes into TextRuns (never Markdown), neutralized by <see cref="TeamsText.Run"/>, and commands by
/// <see cref="TeamsText.Code"/>, each cut to its <see cref="CardLimits"/> before it is neutralized.
/// </summary>
internal static class CardBody
{
    /// <summary>Shown for a card whose title is blank, as on Slack.</summary>
    public const string Untitled = CardWording.Untitled;

    private const string EmptyValue = CardWording.EmptyValue;
    // A FactSet would line labels up more neatly, but Teams reads Markdown in Fact.Title and Fact.Value; two columns of
    // TextRuns look alike and never do. The label takes a quarter of the row.
    private const int LabelWeight = 1;
    private const int ValueWeight = 3;

    /// <summary>The colour the title takes, for readers who miss the sign.</summary>
    public static string? Color(CardTone tone) => tone switch
    {
        CardTone.Pending => "Accent",
        CardTone.Good => "Good",
        CardTone.Bad => "Attention",
        CardTone.Warning => "Warning",
        _ => null,
    };

    /// <summary>The title on one line, large and bold, after the tone's sign; line breaks in it become spaces.</summary>
    public static JsonObject Title(ChatCard card, CardLimits limits)
    {
        var title = TeamsText.IsBlank(card.Title) ? Untitled : string.Join(' ', TeamsText.Lines(card.Title.Trim()));
        var emoji = card.Tone.Sign();
        var text = TeamsText.Truncate(emoji.Length == 0 ? title : $"{emoji} {title}", limits.Title);
        return RichText(TeamsText.Run(text), new RunStyle(Size: "Large", Weight: "Bolder", Color: Color(card.Tone)));
    }

    public static IEnumerable<JsonObject> Text(ChatCard card, CardLimits limits) =>
        TeamsText.IsBlank(card.Text) ? [] : Lines(TeamsText.Truncate(card.Text, limits.Text), RunStyle.Normal, TeamsText.Run, limits.TextLines);

    /// <summary>Each field as a row: the label in bold on the left, the value's lines on the right; past <see cref="CardLimits.MaxFields"/>, a count.</summary>
    public static IEnumerable<JsonObject> Fields(ChatCard card, CardLimits limits)
    {
        var rows = card.Fields.Take(CardLimits.MaxFields).Select((field, n) => Field(field, limits, n == 0 ? "Medium" : "Small")).ToList();
        if (card.Fields.Count > CardLimits.MaxFields)
        {
            rows.Add(Note($"{card.Fields.Count - CardLimits.MaxFields} more fields are not shown."));
        }
        return rows;
    }

    private static JsonObject Field(CardField field, CardLimits limits, string spacing)
    {
        var value = TeamsText.IsBlank(field.Value) ? EmptyValue : TeamsText.Truncate(field.Value, limits.Value);
        var valueColumn = Column(Lines(value, RunStyle.Normal, TeamsText.Run, limits.ValueLines), ValueWeight);
        if (TeamsText.IsBlank(field.Label))
        {
            return ColumnSet([valueColumn], spacing);
        }

        var label = TeamsText.Truncate(string.Join(' ', TeamsText.Lines(field.Label.Trim())), limits.Label);
        var labelColumn = Column([RichText(TeamsText.Run(label), new RunStyle(Weight: "Bolder"))], LabelWeight);
        return ColumnSet([labelColumn, valueColumn], spacing);
    }

    /// <summary>The command shown verbatim: monospace lines, blank ones kept, on a shaded block.</summary>
    public static JsonObject? Code(ChatCard card, CardLimits limits)
    {
        if (TeamsText.IsBlank(card.Code))
        {
            return null;
        }

        var lines = Lines(TeamsText.Truncate(card.Code.Trim('\r', '\n'), limits.Code), new RunStyle(Monospace: true), TeamsText.Code, limits.CodeLines, keepBlankLines: true);
        return Container(lines, style: "emphasis", spacing: "Medium");
    }

    public static IEnumerable<JsonObject> Footer(ChatCard card, CardLimits limits) =>
        TeamsText.IsBlank(card.Footer)
            ? []
            : Lines(TeamsText.Truncate(card.Footer, limits.Footer), new RunStyle(Size: "Small", Subtle: true), TeamsText.Run, limits.TextLines, firstSpacing: "Medium");

    /// <summary>A small subtle line the renderer itself writes (what was left out, why a card is short).</summary>
    public static JsonObject Note(string text) => RichText(TeamsText.Run(text), new RunStyle(Size: "Small", Subtle: true), "Small");
}
