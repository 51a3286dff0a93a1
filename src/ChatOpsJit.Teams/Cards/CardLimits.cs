namespace ChatOpsJit.Teams.Cards;

/// <summary>How long each text of a card may be when drawn; a smaller set is tried when a card does not fit <see cref="CardSize.Budget"/>.</summary>
/// <remarks>
/// At full size no card the core draws is cut (its longest texts are a 256-character reason and a few lines of
/// commands); the limits only bite on cards that are huge by accident, which are cut rather than refused by Teams.
/// Lengths are UTF-16 code units; each multi-line text also has a number of lines, since every line is an element.
/// </remarks>
internal sealed record CardLimits(
    int Title, int Text, int TextLines, int Label, int Value, int ValueLines, int Code, int CodeLines, int Footer, int Name, int Button)
{
    /// <summary>At most this many fields are drawn, then a line says how many were left out.</summary>
    public const int MaxFields = 50;

    /// <summary>Teams shows six buttons in one row of actions and moves any more into an overflow menu (or, on older clients, drops them).</summary>
    public const int ButtonsPerSet = 6;

    /// <summary>Five rows of buttons; the core's cards have at most three, so only a card made by accident reaches this.</summary>
    public const int MaxButtons = 5 * ButtonsPerSet;

    /// <summary>People mentioned on the line, and groups named on it; a reader takes in no more, the rest are counted.</summary>
    public const int MaxMentions = 20;

    /// <summary>
    /// The longest id (request, user or mention) the renderer writes: the core's request ids and Teams' ids are short
    /// printable ASCII, so anything else is no id of theirs and is left out rather than cut.
    /// </summary>
    public const int MaxId = 128;

    // No text is cut shorter than this, and no text to fewer lines, however small the card must get.
    private const int Floor = 16;
    private const int LineFloor = 1;

    public static CardLimits Full { get; } = new(
        Title: 500, Text: 6000, TextLines: 100, Label: 300, Value: 4000, ValueLines: 40, Code: 12_000, CodeLines: 300, Footer: 1000, Name: 100, Button: 80);

    /// <summary>Every limit divided by <paramref name="divisor"/>, none below its floor.</summary>
    public CardLimits Divided(int divisor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(divisor, 1);
        int Cut(int limit) => Math.Max(limit / divisor, Floor);
        int CutLines(int limit) => Math.Max(limit / divisor, LineFloor);
        return new(Cut(Title), Cut(Text), CutLines(TextLines), Cut(Label), Cut(Value), CutLines(ValueLines), Cut(Code), CutLines(CodeLines),
            Cut(Footer), Cut(Name), Cut(Button));
    }

    /// <summary>True for an id the renderer may write: 1 to <see cref="MaxId"/> printable ASCII characters, no spaces.</summary>
    public static bool IsId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxId && id.All(c => c is > ' ' and < '\u007F');
}
