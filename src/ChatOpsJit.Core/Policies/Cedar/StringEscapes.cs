using System.Globalization;
using System.Text;

namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Decodes string-literal escapes exactly as the reference (Rust-style escapes, plus <c>\*</c> in patterns).</summary>
internal static class StringEscapes
{
    /// <summary>Decodes <paramref name="raw"/> (without quotes); on failure returns the offending escape text.</summary>
    public static bool TryUnescape(string raw, out string value, out string? badEscape)
    {
        var parts = new List<PatternPart>();
        if (!Decode(raw, pattern: false, parts, out badEscape))
        {
            value = "";
            return false;
        }
        var sb = new StringBuilder(raw.Length);
        foreach (var p in parts) sb.Append(p.Text);
        value = sb.ToString();
        return true;
    }

    /// <summary>Decodes a <c>like</c> pattern: unescaped <c>*</c> is a wildcard, <c>\*</c> a literal star.</summary>
    public static bool TryParsePattern(string raw, out List<PatternPart> parts, out string? badEscape)
    {
        parts = new List<PatternPart>();
        return Decode(raw, pattern: true, parts, out badEscape);
    }

    private static bool Decode(string raw, bool pattern, List<PatternPart> parts, out string? badEscape)
    {
        badEscape = null;
        var sb = new StringBuilder();
        void Flush()
        {
            if (sb.Length > 0) parts.Add(new PatternPart(false, sb.ToString()));
            sb.Clear();
        }
        void Star()
        {
            Flush();
            parts.Add(new PatternPart(true, ""));
        }
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\')
            {
                if (pattern && c == '*') Star();
                else sb.Append(c);
                continue;
            }
            var start = i;
            if (i + 1 >= raw.Length)
            {
                badEscape = "\\";
                return false;
            }
            var e = raw[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case '\\': sb.Append('\\'); break;
                case '0': sb.Append('\0'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case '*' when pattern: sb.Append('*'); break;
                case 'x':
                    if (i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]) && HexVal(raw[i + 1]) <= 7)
                    {
                        var ch = (char)int.Parse(raw.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        i += 2;
                        if (pattern && ch == '*') Star();
                        else sb.Append(ch);
                        break;
                    }
                    badEscape = raw.Substring(start, Math.Min(4, raw.Length - start));
                    return false;
                case 'u':
                    var close = raw.IndexOf('}', i);
                    if (i + 1 < raw.Length && raw[i + 1] == '{' && close > i + 2 && close - (i + 2) <= 6)
                    {
                        var hex = raw.AsSpan(i + 2, close - (i + 2));
                        var ok = true;
                        foreach (var h in hex) ok &= IsHex(h);
                        if (ok && int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp) && cp <= 0x10FFFF && cp is < 0xD800 or > 0xDFFF)
                        {
                            i = close;
                            if (pattern && cp == '*') Star();
                            else sb.Append(char.ConvertFromUtf32(cp));
                            break;
                        }
                        badEscape = raw.Substring(start, close - start + 1);
                        return false;
                    }
                    badEscape = raw.Substring(start, 2);
                    return false;
                default:
                    badEscape = raw.Substring(start, char.IsSurrogatePair(raw, i) ? 3 : 2);
                    return false;
            }
        }
        Flush();
        return true;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexVal(char c) => int.Parse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}

/// <summary>One piece of a <c>like</c> pattern: a wildcard or a literal run.</summary>
public readonly record struct PatternPart(bool IsWildcard, string Text);
