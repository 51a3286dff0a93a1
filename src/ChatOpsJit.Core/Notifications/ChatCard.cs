namespace ChatOpsJit.Core.Notifications;

/// <summary>
/// A chat-neutral message: the console, Slack and Teams renderers and the email templates all draw it.
/// Every string is plain text from the core or a user; renderers must escape it for their format.
/// </summary>
public sealed record ChatCard
{
    public required string Title { get; init; }
    public string Text { get; init; } = "";
    public IReadOnlyList<CardField> Fields { get; init; } = [];
    /// <summary>A command or snippet shown verbatim (monospace), e.g. the start-session line.</summary>
    public string? Code { get; init; }
    public IReadOnlyList<CardAction> Actions { get; init; } = [];
    public string? Footer { get; init; }
    public CardTone Tone { get; init; } = CardTone.Neutral;
}

/// <summary>A label and its value on a card.</summary>
public sealed record CardField(string Label, string Value);

/// <summary>A button. Its payload only names the request: who may press it is decided at click time.</summary>
public sealed record CardAction(string Verb, string Label, string RequestId, CardActionStyle Style = CardActionStyle.Default, string? Confirm = null);

/// <summary>How a button looks.</summary>
public enum CardActionStyle { Default, Primary, Danger }

/// <summary>The mood of a card, for a colour or an icon.</summary>
public enum CardTone { Neutral, Pending, Good, Bad, Warning }
