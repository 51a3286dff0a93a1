using System.Globalization;
using System.Text;

namespace ChatOpsJit.Cli.Commands;

/// <summary>Reads an entity UID written the way Cedar writes it: <c>User::"alice"</c>, <c>AWS::SSM::Action::"x"</c>.</summary>
public static class EntityUidText
{
    /// <summary>Parses <paramref name="text"/>; on failure returns false and a one-line reason.</summary>
    public static bool TryParse(string text, out string type, out string id, out string? problem)
    {
        type = id = "";
        problem = null;
        var quote = text.IndexOf('"', StringComparison.Ordinal);
        if (quote < 0 || !text.EndsWith('"') || quote == text.Length - 1)
        {
            problem = $"'{text}' is not an entity UID (expected e.g. User::\"alice\")";
            return false;
        }
        var head = text[..quote].TrimEnd();
        if (!head.EndsWith("::", StringComparison.Ordinal))
        {
            problem = $"'{text}' is not an entity UID: expected '::' before the quoted id";
            return false;
        }
        var segments = head[..^2].Split("::").Select(s => s.Trim()).ToArray();
        if (segments.Any(s => !IsIdentifier(s)))
        {
            problem = $"'{text}' is not an entity UID: '{head[..^2]}' is not a valid entity type";
            return false;
        }
        if (!TryUnescape(text[(quote + 1)..^1], out var unescaped, out problem))
        {
            problem = $"'{text}' is not an entity UID: {problem}";
            return false;
        }
        type = string.Join("::", segments);
        id = unescaped;
        return true;
    }

    private static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    // Cedar string escapes: \n \r \t \\ \0 \' \" and \u{hex}.
    private static bool TryUnescape(string body, out string value, out string? problem)
    {
        var sb = new StringBuilder(body.Length);
        value = "";
        problem = null;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '"')
            {
                problem = "unescaped '\"' inside the id";
                return false;
            }
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (++i >= body.Length)
            {
                problem = "dangling '\\' at the end of the id";
                return false;
            }
            switch (body[i])
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case '0': sb.Append('\0'); break;
                case '\\' or '\'' or '"': sb.Append(body[i]); break;
                case 'u' when i + 1 < body.Length && body[i + 1] == '{':
                    var close = body.IndexOf('}', i);
                    if (close < 0 || !int.TryParse(body.AsSpan(i + 2, close - i - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code)
                        || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
                    {
                        problem = "bad \\u{...} escape in the id";
                        return false;
                    }
                    sb.Append(char.ConvertFromUtf32(code));
                    i = close;
                    break;
                default:
                    problem = $"unknown escape '\\{body[i]}' in the id";
                    return false;
            }
        }
        value = sb.ToString();
        return true;
    }
}
