using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsJit.Slack.BlockKit;

/// <summary>Escaping and length-safe cutting of text for Block Kit, and the text objects built from it.</summary>
/// <remarks>
/// Lengths are UTF-16 code units (<see cref="string.Length"/>), never fewer than the code points Slack's own SDK
/// validators count, so a text that fits here fits there. Cuts fall between grapheme clusters, so neither a surrogate pair nor an emoji with its
/// variation selector is split, and end in "…" inside the limit.
/// </remarks>
public static class SlackText
{
    /// <summary>The mark a cut text ends with.</summary>
    public const string Ellipsis = "…";

    /// <summary>Replaces only <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c>, the characters Slack's mrkdwn treats as control characters.</summary>
    /// <remarks>Anything else HTML-encoded would be shown literally, so nothing else is touched.</remarks>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                _ => builder.Append(c),
            };
        }
        return builder.ToString();
    }

    /// <summary><paramref name="text"/> unchanged when it fits in <paramref name="max"/>, else cut between graphemes and ended with "…".</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return text.Length <= max ? text : text[..Fit(text, max - Ellipsis.Length, atomicEntities: false, escaped: false)] + Ellipsis;
    }

    /// <summary>
    /// <paramref name="raw"/> escaped, within <paramref name="max"/> once escaped: the raw text is cut (never an entity
    /// the escaping makes), then escaped.
    /// </summary>
    public static string EscapeWithin(string raw, int max)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var escaped = Escape(raw);
        return escaped.Length <= max ? escaped : Escape(raw[..Fit(raw, max - Ellipsis.Length, atomicEntities: false, escaped: true)]) + Ellipsis;
    }

    /// <summary>A <c>plain_text</c> object of raw <paramref name="text"/>, escaped here and cut within <paramref name="max"/> once escaped.</summary>
    /// <remarks>
    /// Slack decodes the three entities in every text object, so the reader sees what was typed; escaping plain_text
    /// too means no payload ever carries a raw <c>&lt;!channel&gt;</c>, even where Slack would not parse it.
    /// </remarks>
    /// <exception cref="ArgumentException">The text is empty or blank, which Slack rejects: the caller decides what to show instead.</exception>
    public static JsonObject PlainText(string text, int max)
    {
        RequireText(text);
        return new JsonObject { ["type"] = "plain_text", ["text"] = EscapeWithin(text, max), ["emoji"] = true };
    }

    /// <summary>
    /// A <c>mrkdwn</c> object with <c>verbatim</c> on, so URLs and channel names in user text are never linked; the text
    /// must already be escaped, and a cut never splits one of its entities.
    /// </summary>
    /// <exception cref="ArgumentException">The text is empty or blank, which Slack rejects.</exception>
    public static JsonObject Mrkdwn(string mrkdwnAlreadyEscaped, int max)
    {
        RequireText(mrkdwnAlreadyEscaped);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var text = mrkdwnAlreadyEscaped.Length <= max
            ? mrkdwnAlreadyEscaped
            : mrkdwnAlreadyEscaped[..Fit(mrkdwnAlreadyEscaped, max - Ellipsis.Length, atomicEntities: true, escaped: false)] + Ellipsis;
        return new JsonObject { ["type"] = "mrkdwn", ["text"] = text, ["verbatim"] = true };
    }

    /// <summary>True for text Slack refuses in a text object: empty or only white space.</summary>
    public static bool IsBlank([NotNullWhen(false)] string? text) => string.IsNullOrWhiteSpace(text);

    private static void RequireText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsBlank(text))
        {
            throw new ArgumentException("Slack rejects an empty text object", nameof(text));
        }
    }

    // The length of the longest prefix of whole units whose width fits in budget. A unit is a grapheme cluster, or with
    // atomicEntities an entity (&amp; &lt; &gt;) of already escaped text; a unit's width is its length, or with escaped
    // the length it will have once escaped.
    private static int Fit(string text, int budget, bool atomicEntities, bool escaped)
    {
        var used = 0;
        var at = 0;
        while (at < text.Length)
        {
            var length = atomicEntities ? EntityLength(text, at) : 0;
            if (length == 0)
            {
                length = StringInfo.GetNextTextElementLength(text, at);
            }

            var width = escaped ? EscapedWidth(text.AsSpan(at, length)) : length;
            if (used + width > budget)
            {
                break;
            }

            used += width;
            at += length;
        }
        return at;
    }

    private static int EntityLength(string text, int at)
    {
        foreach (var entity in (ReadOnlySpan<string>)["&amp;", "&lt;", "&gt;"])
        {
            if (text.AsSpan(at).StartsWith(entity, StringComparison.Ordinal))
            {
                return entity.Length;
            }
        }
        return 0;
    }

    private static int EscapedWidth(ReadOnlySpan<char> unit)
    {
        var width = 0;
        foreach (var c in unit)
        {
            width += c switch { '&' => 5, '<' or '>' => 4, _ => 1 };
        }
        return width;
    }
}
