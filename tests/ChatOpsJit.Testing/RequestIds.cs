using System.Text.RegularExpressions;

namespace ChatOpsJit.Testing;

/// <summary>Access request ids (<c>ar-</c> and 8 hex digits) as the bot writes them in its answers and cards.</summary>
public static partial class RequestIds
{
    [GeneratedRegex(@"\bar-[0-9a-f]{8}\b")]
    public static partial Regex Pattern();

    /// <summary>The first request id in a text, or fails the test.</summary>
    public static string In(string? text) =>
        Pattern().Match(text ?? "") is { Success: true } match ? match.Value : throw new AssertionException($"no request id in '{text}'");
}
