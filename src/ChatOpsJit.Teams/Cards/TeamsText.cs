using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace ChatOpsJit.Teams.Cards;

/// <summary>Neutralizing and length-safe cutting of plain text for Adaptive Cards in Teams, one method per kind of place.</summary>
/// <remarks>
/// <para>
/// Teams processes a subset of Markdown in <c>TextBlock</c> text and in <c>Fact.Title</c>/<c>Fact.Value</c> (bold,
/// italic, lists, links), and turns <c>&lt;at&gt;Name&lt;/at&gt;</c> in a TextBlock or FactSet into a mention when the card
/// carries an entity with that text. A <c>TextRun</c> of a <c>RichTextBlock</c> is never Markdown (the schema says so,
/// and Microsoft's JS renderer sets it as <c>innerText</c>), so the renderer puts every text of a card in TextRuns and
/// only its own mention line in a TextBlock. Each method here is for one of those places:
/// </para>
/// <list type="bullet">
/// <item><see cref="Plain"/>: Markdown-processed text (a TextBlock). Visible look-alikes for the emphasis and code
/// characters, which no invisible character can disarm in every Markdown dialect; invisible breaks for the rest.</item>
/// <item><see cref="Run"/>: prose in a TextRun. Invisible breaks only, as a second line of defence should a client ever
/// read a run as Markdown: no mention, link, date macro or bare URL can form, and the text reads as typed.</item>
/// <item><see cref="Code"/>: monospace commands in a TextRun. Only the breaks that mention and link markup need, which no
/// real command contains, so a command copied from the card still runs.</item>
/// </list>
/// <para>
/// The invisible break is U+2060 WORD JOINER: it has no width, does not allow a line break, and is neither white space
/// nor punctuation, so it splits a token (<c>&lt;at&gt;</c>, <c>](</c>, <c>://</c>) without changing what the reader
/// sees. Lengths are UTF-16 code units; cuts fall between grapheme clusters and end in "…".
/// </para>
/// </remarks>
public static class TeamsText
{
    /// <summary>The mark a cut text ends with.</summary>
    public const string Ellipsis = "…";

    /// <summary>U+2060 WORD JOINER, the invisible break.</summary>
    public const char Joiner = '\u2060';

    /// <summary>
    /// Text for a Markdown-processed element (a TextBlock), shown as typed: <c>*</c>, <c>_</c>, <c>~</c> and
    /// <c>`</c> become look-alikes (∗ ＿ ∼ ˋ), and a joiner follows every <c>&lt;</c>, <c>]</c> and <c>&amp;</c>, starts every
    /// line, and splits <c>{{</c>, <c>://</c> and <c>www.</c>.
    /// </summary>
    /// <remarks>
    /// Emphasis needs look-alikes: a joiner next to <c>**</c> still leaves a delimiter run that CommonMark opens or closes
    /// (the joiner is neither white space nor punctuation), and between the two stars it leaves <c>*x*</c>, italic. The
    /// joiner after <c>]</c> breaks inline, reference and image links; after <c>&lt;</c>, mention and autolink markup;
    /// after <c>&amp;</c>, an entity such as <c>&amp;lt;</c> that Markdown would decode into <c>&lt;</c>. One at the start of
    /// each line means no line begins with a list, heading, quote or code marker.
    /// </remarks>
    public static string Plain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\u2028' or '\u2029')
            {
                builder.Append(c);
                lineStart = true;
                continue;
            }

            if (lineStart)
            {
                builder.Append(Joiner);
                lineStart = false;
            }

            _ = c switch
            {
                '*' => builder.Append('\u2217'),
                '_' => builder.Append('\uFF3F'),
                '~' => builder.Append('\u223C'),
                '`' => builder.Append('\u02CB'),
                '<' or ']' or '&' => builder.Append(c).Append(Joiner),
                _ => AppendBreakingTokens(builder, text, i),
            };
        }
        return builder.ToString();
    }

    /// <summary>
    /// Prose for a TextRun, which Teams shows without Markdown: reads exactly as typed, with invisible joiners after every
    /// <c>&lt;</c> and <c>]</c> and inside <c>{{</c>, <c>://</c> and <c>www.</c>, so no mention, link, date macro or bare
    /// URL can form even in a client that treated the run as Markdown.
    /// </summary>
    public static string Run(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            _ = c is '<' or ']' ? builder.Append(c).Append(Joiner) : AppendBreakingTokens(builder, text, i);
        }
        return builder.ToString();
    }

    /// <summary>
    /// A command for a monospace TextRun, kept copyable: only <c>&lt;at</c> and <c>&lt;/at</c> (any case), <c>](</c> and the
    /// <c>{{DATE(</c>/<c>{{TIME(</c> macros of Microsoft's renderer get a joiner; URLs, redirections and templates such as
    /// <c>{{.Id}}</c> stay as written.
    /// </summary>
    public static string Code(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            builder.Append(c);
            var next = text.AsSpan(i + 1);
            var breaks = c switch
            {
                '<' => next.StartsWith("at", StringComparison.OrdinalIgnoreCase) || next.StartsWith("/at", StringComparison.OrdinalIgnoreCase),
                ']' => next.StartsWith("(", StringComparison.Ordinal),
                '{' => next.StartsWith("{DATE(", StringComparison.Ordinal) || next.StartsWith("{TIME(", StringComparison.Ordinal),
                _ => false,
            };
            if (breaks)
            {
                builder.Append(Joiner);
            }
        }
        return builder.ToString();
    }

    /// <summary><paramref name="text"/> unchanged when it fits in <paramref name="max"/>, else cut between graphemes and ended with "…".</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (text.Length <= max)
        {
            return text;
        }

        var budget = max - Ellipsis.Length;
        var at = 0;
        while (at < text.Length)
        {
            var length = StringInfo.GetNextTextElementLength(text, at);
            if (at + length > budget)
            {
                break;
            }
            at += length;
        }
        return text[..at] + Ellipsis;
    }

    /// <summary>True for text with nothing to show: empty or only white space.</summary>
    public static bool IsBlank([NotNullWhen(false)] string? text) => string.IsNullOrWhiteSpace(text);

    /// <summary>The lines of <paramref name="text"/>, split at any line break (CR, LF, CRLF, U+2028, U+2029).</summary>
    public static IReadOnlyList<string> Lines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split(["\r\n", "\r", "\n", "\u2028", "\u2029"], StringSplitOptions.None);
    }

    // Appends text[at], with a joiner inside the tokens that start there and would make a date macro ({{), a link with a
    // scheme (://) or a bare www. link: after the first '{' of "{{", the ':' of "://", the "www" of "www.".
    private static StringBuilder AppendBreakingTokens(StringBuilder builder, string text, int at)
    {
        var c = text[at];
        builder.Append(c);
        var next = text.AsSpan(at + 1);
        var breaks = c switch
        {
            '{' => next.StartsWith("{", StringComparison.Ordinal),
            ':' => next.StartsWith("//", StringComparison.Ordinal),
            'w' or 'W' => at >= 2 && text.AsSpan(at - 2, 3).Equals("www", StringComparison.OrdinalIgnoreCase) && next.StartsWith(".", StringComparison.Ordinal),
            _ => false,
        };
        return breaks ? builder.Append(Joiner) : builder;
    }
}
