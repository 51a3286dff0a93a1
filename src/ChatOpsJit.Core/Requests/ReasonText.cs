using System.Globalization;
using System.Text;

namespace ChatOpsJit.Core.Requests;

/// <summary>
/// The rules for text a person gives as a reason (for access, for a rejection): one line of at most 256 characters,
/// counted as Unicode characters (not UTF-16 units), with nothing that hides or reorders what approvers read.
/// </summary>
public static class ReasonText
{
    /// <summary>JITNA's limit on an access request's reason.</summary>
    public const int MaxLength = 256;

    /// <summary>What every surface says when no reason was given.</summary>
    public const string Missing = "a reason is required.";

    /// <summary>
    /// The reason as it will be stored (whitespace runs become one space; zero-width spaces are dropped, they only
    /// hide text), or why it is refused: control characters and text-direction overrides are never stored, since
    /// they can make a card read differently than what was typed (Trojan Source).
    /// </summary>
    public static (string? Text, string? Problem) Check(string? text, string what = "the reason")
    {
        text ??= "";
        if (!IsWellFormed(text))
        {
            return (null, $"{what} is not valid text (it holds a broken character); retype it.");
        }

        var clean = new StringBuilder();
        var pendingSpace = false;
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = clean.Length > 0;
                continue;
            }

            if (IsInvisible(rune))
            {
                continue;
            }

            if (IsDirectionControl(rune))
            {
                return (null, $"{what} holds an invisible text-direction character ({Name(rune)}) that can make it read differently than it is; retype it without one.");
            }

            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control)
            {
                return (null, $"{what} holds a control character ({Name(rune)}); type plain text.");
            }

            if (pendingSpace)
            {
                clean.Append(' ');
                count++;
                pendingSpace = false;
            }

            clean.Append(rune.ToString());
            count++;
        }

        if (count > MaxLength)
        {
            return (null, $"{what} is {count} characters; the limit is {MaxLength}.");
        }

        return (clean.ToString(), null);
    }

    /// <summary>How many characters (Unicode scalar values) the text has.</summary>
    public static int Length(string text) => text.EnumerateRunes().Count();

    // A lone surrogate would be stored as a replacement character, changing what was typed.
    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    // Zero-width space, word joiner and the byte-order mark show nothing; the joiners used inside emoji are kept.
    private static bool IsInvisible(Rune rune) => rune.Value is 0x200B or 0x2060 or 0xFEFF;

    // Arabic letter mark, LRM/RLM, the embeddings and overrides (LRE…RLO) and the isolates (LRI…PDI).
    private static bool IsDirectionControl(Rune rune) => rune.Value is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    private static string Name(Rune rune) => $"U+{rune.Value:X4}";
}
