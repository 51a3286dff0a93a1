using System.Text.Json.Nodes;

namespace ChatOpsJit.Teams.Cards;

/// <summary>How big a card is as Teams counts it, and the sizes a rendered card keeps under.</summary>
/// <remarks>
/// Teams refuses a bot message over about 100 KB (413 RequestEntityTooLarge / MessageSizeTooBig), counted as UTF-16
/// (two bytes a code unit) over the whole message with its mentions; Microsoft recommends at most 80 KB.
/// </remarks>
public static class CardSize
{
    /// <summary>The message size Teams refuses, in UTF-16 bytes.</summary>
    public const int TeamsLimit = 100 * 1024;

    /// <summary>
    /// What an attachment the renderer draws stays below (Microsoft's recommendation), which leaves the rest of the
    /// limit to the activity around it (ids, text, channel data).
    /// </summary>
    public const int Budget = 80 * 1024;

    /// <summary>
    /// The UTF-16 size of <paramref name="node"/> serialized as System.Text.Json writes it by default, which escapes every
    /// non-ASCII and HTML-sensitive character (\uXXXX): never less than the same JSON written unescaped, so a card that
    /// fits here fits however the activity is finally written.
    /// </summary>
    public static int Utf16Bytes(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToJsonString().Length * 2;
    }
}
