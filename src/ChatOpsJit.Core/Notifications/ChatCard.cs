using System.Text;

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
    /// <summary>Whom the card is for: the approvers of the level now deciding (Slack mentions them, Teams refreshes for them).</summary>
    public IReadOnlyList<CardMention> Mentions { get; init; } = [];
    /// <summary>
    /// True for a card only the person who asked may see (temporary credentials): it is answered privately and never
    /// enters the outbox, a transcript, the logs or the audit trail.
    /// </summary>
    public bool Sensitive { get; init; }

    // Records print every member; a sensitive card that reached a log line by accident must not carry its secrets there.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Title = ").Append(Title).Append(", Tone = ").Append(Tone);
        if (Sensitive)
        {
            builder.Append(", Sensitive = True, contents redacted");
            return true;
        }

        builder.Append(", Text = ").Append(Text).Append(", Fields = ").Append(Fields.Count).Append(", Code = ").Append(Code)
            .Append(", Actions = ").Append(Actions.Count).Append(", Footer = ").Append(Footer);
        return true;
    }
}

/// <summary>A label and its value on a card.</summary>
public sealed record CardField(string Label, string Value);

/// <summary>
/// A button. Its payload only names the request: who may press it is decided at click time, not by <see cref="Audience"/>.
/// A verb that <see cref="CardVerbs.Prompts"/> is confirmed through the core's prompt, never a dialog drawn for everyone.
/// </summary>
/// <param name="Audience">Whom the button is meant for, so a platform can show it to them (Teams) or say so (Slack).</param>
public sealed record CardAction(CardVerb Verb, string Label, string RequestId, CardAudience Audience, CardActionStyle Style = CardActionStyle.Default);

/// <summary>Whom a button is meant for.</summary>
public enum CardAudience
{
    /// <summary>The approvers of the level now deciding.</summary>
    Approvers,
    /// <summary>The person who asked for access.</summary>
    Requester,
}

/// <summary>A person (by email) or a group (by name) a card is addressed to.</summary>
public sealed record CardMention(string Name, CardMentionKind Kind)
{
    /// <summary>An approver entry of a policy: an email names a person, anything else a group.</summary>
    public static CardMention ForApprover(string approver) =>
        new(approver, approver.Contains('@', StringComparison.Ordinal) ? CardMentionKind.Person : CardMentionKind.Group);
}

/// <summary>Whether a mention names one person or a group.</summary>
public enum CardMentionKind { Person, Group }

/// <summary>How a button looks.</summary>
public enum CardActionStyle { Default, Primary, Danger }

/// <summary>The mood of a card, for a colour or an icon.</summary>
public enum CardTone { Neutral, Pending, Good, Bad, Warning }
