using System.Globalization;

namespace ChatOpsJit.Storage.Sqlite;

/// <summary>How every time is stored: fixed-width ISO-8601 UTC text with 100 ns precision.</summary>
/// <remarks>
/// Fixed width makes SQL's text comparison (<c>due_at &lt;= @now</c>) order correctly, and full tick precision
/// matters because audit hashes cover the time to the tick: a rounded time would break the chain on read.
/// </remarks>
internal static class SqliteTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string? ToText(DateTimeOffset? value) => value is { } v ? ToText(v) : null;

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
