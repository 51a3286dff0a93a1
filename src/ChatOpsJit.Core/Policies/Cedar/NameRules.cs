namespace ChatOpsJit.Core.Policies.Cedar;

/// <summary>Identifier and name rules shared by the parser and the JSON readers.</summary>
internal static class NameRules
{
    public const string ReservedNamespace = "__cedar";

    // Reserved words that may never be an identifier in a name, attribute or entity type.
    public static bool IsReserved(string ident) => IsReserved(ident.AsSpan());

    public static bool IsReserved(ReadOnlySpan<char> ident) => ident is "true" or "false" or "if" or "then" or "else" or "in" or "is" or "like" or "has";

    public static bool IsIdentStart(char c) => c == '_' || char.IsAsciiLetter(c);

    public static bool IsIdentPart(char c) => c == '_' || char.IsAsciiLetterOrDigit(c);

    public static bool IsIdentifier(string s) => IsIdentifier(s.AsSpan());

    public static bool IsIdentifier(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || !IsIdentStart(s[0])) return false;
        for (var i = 1; i < s.Length; i++)
        {
            if (!IsIdentPart(s[i])) return false;
        }
        return true;
    }

    /// <summary>True when <paramref name="name"/> is <c>Ident(::Ident)*</c> without reserved words or <c>__cedar</c>.</summary>
    public static bool IsValidTypeName(string name)
    {
        // Walks the parts in place: this runs for every uid of every entity a request carries.
        var rest = name.AsSpan();
        while (true)
        {
            var end = rest.IndexOf("::");
            var part = end < 0 ? rest : rest[..end];
            if (!IsIdentifier(part) || IsReserved(part) || part.SequenceEqual(ReservedNamespace)) return false;
            if (end < 0) return true;
            rest = rest[(end + 2)..];
        }
    }
}
