using System.Globalization;
using System.Text;

namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>A piece of generated Cedar source and its grammar level, so it is parenthesized only where the grammar needs it.</summary>
/// <param name="Text">The source text.</param>
/// <param name="Level">One of the <see cref="CedarText"/> levels: the loosest-binding construct at the top of <paramref name="Text"/>.</param>
/// <param name="UnaryChain">How many prefix operators (`!`, `-`) open the text; Cedar allows at most four in a row.</param>
internal readonly record struct Src(string Text, int Level, int UnaryChain = 0);

/// <summary>Writing Cedar source: grammar levels, string and pattern escapes, entity UIDs.</summary>
internal static class CedarText
{
    // Cedar's grammar, loosest first: Expr (if) < Or < And < Relation < Add < Mult < Unary < Member < Primary.
    public const int If = 0, Or = 1, And = 2, Relation = 3, Add = 4, Mult = 5, Unary = 6, Member = 7, Primary = 8;

    /// <summary>Renders <paramref name="s"/> where the grammar needs at least <paramref name="min"/>; sometimes adds redundant parentheses.</summary>
    public static string At(Random rng, Src s, int min) =>
        s.Level >= min && !rng.Chance(0.04) ? s.Text : "(" + s.Text + ")";

    public static Src Atom(string text) => new(text, Primary);

    /// <summary>A Cedar string literal; escapes are chosen at random among the equivalent spellings.</summary>
    public static string Quote(Random rng, string value) => "\"" + Escape(rng, value, pattern: false) + "\"";

    /// <summary>A `like` pattern literal: <c>*</c> in <paramref name="parts"/> separators is a wildcard, a literal star is <c>\*</c>.</summary>
    public static string Pattern(Random rng, IEnumerable<string?> parts)
    {
        var sb = new StringBuilder("\"");
        foreach (var part in parts)
        {
            sb.Append(part is null ? "*" : Escape(rng, part, pattern: true));
        }
        return sb.Append('"').ToString();
    }

    public static string Uid(Random rng, Differential.Uid uid) => uid.Type + "::" + Quote(rng, uid.Id);

    public static string Long(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Escape(Random rng, string value, bool pattern)
    {
        var sb = new StringBuilder();
        foreach (var rune in value.EnumerateRunes())
        {
            var c = rune.Value;
            if (c == '*' && pattern)
            {
                sb.Append("\\*");
            }
            else if (c == '"')
            {
                sb.Append("\\\"");
            }
            else if (c == '\\')
            {
                sb.Append("\\\\");
            }
            else if (c == '\n')
            {
                sb.Append("\\n");
            }
            else if (c == '\t')
            {
                sb.Append(rng.Chance(0.5) ? "\\t" : "\\u{9}");
            }
            else if (c == '\0')
            {
                sb.Append("\\0");
            }
            else if (c == '\'' && rng.Chance(0.5))
            {
                sb.Append("\\'");
            }
            else if ((c > 0x7e || rng.Chance(0.02)) && rng.Chance(0.5))
            {
                sb.Append("\\u{").Append(c.ToString("x", CultureInfo.InvariantCulture)).Append('}');
            }
            else
            {
                sb.Append(rune.ToString());
            }
        }
        return sb.ToString();
    }
}
