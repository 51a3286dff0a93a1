namespace ChatOpsJit.Testing.AdaptiveCards;

/// <summary>One event Microsoft's Adaptive Cards library reported about a card: its ValidationEvent name, phase and message.</summary>
public sealed record CardEvent(string Event, string Phase, string Message)
{
    public override string ToString() => $"{Event} ({Phase}): {Message}";
}

/// <summary>What Microsoft's Adaptive Cards library made of one card, read as Teams reads it and as an older client does, and the card's size.</summary>
/// <param name="Index">The card's place in the batch, from 0.</param>
/// <param name="Version">The card's <c>version</c> as written, or null.</param>
/// <param name="ParseEvents">Events while parsing for a Teams host (cards up to 1.5, Teams' host config).</param>
/// <param name="ValidationEvents">Events from <c>validateProperties()</c> of that parse.</param>
/// <param name="FallbackEvents">
/// Events reading the card as a client without Action.Execute does (each Action.Execute replaced by its fallback), and
/// <c>MissingSubmitFallback</c> for an Action.Execute whose fallback gave no Action.Submit.
/// </param>
/// <param name="TeamsEvents">
/// Problems in the Teams-only parts, which the library drops unread (it reports no event for <c>msteams</c>): mention
/// entities that are malformed or whose text no TextBlock holds, a width other than Full, more than 60 refresh users.
/// </param>
/// <param name="Utf16Bytes">The UTF-16 size of the JSON given, as System.Text.Json writes it by default.</param>
public sealed record CardCheck(
    int Index,
    string? Version,
    IReadOnlyList<CardEvent> ParseEvents,
    IReadOnlyList<CardEvent> ValidationEvents,
    IReadOnlyList<CardEvent> FallbackEvents,
    IReadOnlyList<CardEvent> TeamsEvents,
    int Utf16Bytes)
{
    /// <summary>Every event of all four kinds.</summary>
    public IEnumerable<CardEvent> Events => ParseEvents.Concat(ValidationEvents).Concat(FallbackEvents).Concat(TeamsEvents);
}
