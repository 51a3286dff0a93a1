using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatOpsJit.Core.Requests;

/// <summary>Durations as people type them: <c>90m</c>, <c>2h</c>, <c>1h30m</c>, <c>1d</c>, also <c>2hours</c> or <c>30min</c>.</summary>
public static partial class DurationText
{
    /// <summary>How to write a duration, for error messages.</summary>
    public const string Hint = "use minutes, hours or days, like 30m, 2h, 1h30m or 1d";

    // Days, hours, minutes in that order, each at most once; the long unit names people write are accepted too.
    [GeneratedRegex(@"^(?:(?<d>\d{1,6})(?:d|days?))?(?:(?<h>\d{1,6})(?:h|hrs?|hours?))?(?:(?<m>\d{1,7})(?:m|mins?|minutes?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(?:m|mins?|minutes?|h|hrs?|hours?|d|days?)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UnitWord();

    public static bool TryParse(string? text, out TimeSpan duration) => TryParse(text, out duration, out _);

    /// <summary>Parses a positive duration of whole minutes; on failure <paramref name="problem"/> says why in words.</summary>
    public static bool TryParse(string? text, out TimeSpan duration, out string? problem)
    {
        duration = TimeSpan.Zero;
        var trimmed = (text ?? "").Trim().ToLowerInvariant();
        var match = Pattern().Match(trimmed);
        if (trimmed.Length == 0 || !match.Success)
        {
            problem = trimmed.StartsWith('-') ? $"'{text?.Trim()}' is not a duration: durations are positive; {Hint}."
                : trimmed.Contains('.') || trimmed.Contains(',') ? $"'{text?.Trim()}' is not a duration: use whole numbers, like 1h30m for an hour and a half."
                : $"'{text?.Trim()}' is not a duration; {Hint}.";
            return false;
        }

        long Part(string name) => match.Groups[name].Success ? long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        duration = TimeSpan.FromMinutes((Part("d") * 24 * 60) + (Part("h") * 60) + Part("m"));
        if (duration <= TimeSpan.Zero)
        {
            problem = $"'{text?.Trim()}' is no time at all: ask for at least 1 minute, like 30m or 2h.";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>True for text that someone meant as a duration, even a wrong one (<c>400x</c>, <c>-1h</c>, <c>0m</c>): it starts with a digit or a sign.</summary>
    public static bool LooksLikeOne(string text) =>
        text.Length > 0 && (char.IsAsciiDigit(text[0]) || (text.Length > 1 && text[0] is '-' or '+' or '.' && (char.IsAsciiDigit(text[1]) || text[1] == '.')));

    /// <summary>True for a unit written as its own word after a number: <c>2 hours</c>.</summary>
    public static bool IsUnitWord(string text) => UnitWord().IsMatch(text);

    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0m";
        }

        var text = new StringBuilder();
        var hours = (long)duration.TotalHours;
        if (hours > 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (duration.Minutes > 0 || hours == 0)
        {
            text.Append(duration.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        return text.ToString();
    }
}
