namespace ChatOpsJit.Core.Notifications;

/// <summary>The words and signs every renderer puts around a card's own text, so Slack and Teams draw the same card.</summary>
public static class CardWording
{
    /// <summary>The title shown for a card whose title is blank.</summary>
    public const string Untitled = "(untitled)";

    /// <summary>A field's value when it is blank.</summary>
    public const string EmptyValue = "—";

    /// <summary>What comes before the people a card is for.</summary>
    public const string MentionPrefix = "For: ";

    /// <summary>The sign before a card's title, so its mood reads at a glance; none for a neutral card.</summary>
    public static string Sign(this CardTone tone) => tone switch
    {
        CardTone.Pending => "⏳",
        CardTone.Good => "✅",
        CardTone.Bad => "⛔",
        CardTone.Warning => "⚠️",
        _ => "",
    };
}
