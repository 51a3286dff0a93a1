using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatOpsJit.Core.Requests;

/// <summary>Durations as people type them: <c>90m</c>, <c>2h</c>, <c>1h30m</c>, <c>1d</c>.</summary>
public static partial class DurationText
{
    [GeneratedRegex(@"^(?:(?<d>\d{1,3})d)?(?:(?<h>\d{1,4})h)?(?:(?<m>\d{1,5})m)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Pattern().Match(text.Trim().ToLowerInvariant());
        if (!match.Success || match.Length == 0)
        {
            return false;
        }

        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        duration = new TimeSpan(Part("d"), Part("h"), Part("m"), 0);
        return duration > TimeSpan.Zero;
    }

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
