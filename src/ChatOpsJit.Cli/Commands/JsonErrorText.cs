using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatOpsJit.Cli.Commands;

/// <summary>
/// Says in plain words what is wrong with one line of JSON: System.Text.Json's
/// <c>'x' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0.</c> becomes <c>unexpected 'x' at column 1</c>.
/// </summary>
public static partial class JsonErrorText
{
    public static string Describe(JsonException e, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var position = (int)Math.Clamp(e.BytePositionInLine ?? 0, 0, bytes.Length);
        if (position >= bytes.Length)
        {
            return "the line ends before the JSON does (is a closing '}', ']' or '\"' missing?)";
        }

        // Columns count characters, as an editor does, not the UTF-8 bytes the reader counts.
        var column = Encoding.UTF8.GetCharCount(bytes, 0, position);
        var at = $"at column {column + 1}";
        var message = Location().Replace(e.Message, "").Trim();
        if (Quoted().Match(message) is not { Success: true } m)
        {
            return $"{Plain(message)} {at}";
        }

        // The reader names a byte it cannot decode as hex ('0xC3'); show the character instead.
        var token = m.Groups["token"].Value.StartsWith("0x", StringComparison.Ordinal) ? line[column].ToString() : m.Groups["token"].Value;
        var rest = m.Groups["rest"].Value;
        if (rest.StartsWith("is an invalid JSON literal", StringComparison.Ordinal))
        {
            // A bare word (nope, tru) is reported after its first letter; point at the word, which needs quotes.
            var word = new string(token.TakeWhile(char.IsLetterOrDigit).ToArray());
            var start = line.IndexOf(token, StringComparison.Ordinal);
            return $"unexpected '{word}' at column {(start < 0 ? column : start) + 1} (text needs double quotes; the bare words are true, false and null)";
        }

        return rest switch
        {
            _ when rest.StartsWith("is an invalid start of a value", StringComparison.Ordinal) => $"unexpected '{token}' {at}",
            _ when rest.StartsWith("is an invalid start of a property name", StringComparison.Ordinal) => $"expected a property name in double quotes {at}, not '{token}'",
            _ when rest.StartsWith("is invalid after a property name", StringComparison.Ordinal) => $"expected ':' after the property name {at}, not '{token}'",
            _ when rest.StartsWith("is invalid after a value", StringComparison.Ordinal) => $"expected ',', '}}' or ']' after a value {at}, not '{token}'",
            _ when rest.StartsWith("is invalid after a single JSON value", StringComparison.Ordinal) => $"unexpected '{token}' {at} after the request (one request per line)",
            _ when rest.StartsWith("is an invalid end of a number", StringComparison.Ordinal) => $"unexpected '{token}' {at} in a number",
            _ when rest.StartsWith("is an invalid escapable character", StringComparison.Ordinal) => $"unknown escape '\\{token}' {at}",
            _ => $"{Plain(message)} {at}",
        };
    }

    private static string Plain(string message)
    {
        var text = message.StartsWith("The JSON ", StringComparison.Ordinal) && message.Contains("trailing comma", StringComparison.Ordinal)
            ? "trailing comma"
            : message.TrimEnd('.');
        return text.Length == 0 ? "invalid JSON" : char.ToLowerInvariant(text[0]) + text[1..];
    }

    [GeneratedRegex(@"\s*(Path: [^|]*\|)?\s*LineNumber: \d+ \| BytePositionInLine: \d+\.$")]
    private static partial Regex Location();

    [GeneratedRegex(@"^'(?<token>.+?)' (?<rest>is .*)$")]
    private static partial Regex Quoted();
}
