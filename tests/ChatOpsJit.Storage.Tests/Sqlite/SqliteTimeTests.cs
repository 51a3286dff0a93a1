using ChatOpsJit.Storage.Sqlite;

namespace ChatOpsJit.Storage.Tests.Sqlite;

public sealed class SqliteTimeTests
{
    [Test]
    public void Times_round_trip_to_the_tick_as_utc()
    {
        var local = new DateTimeOffset(2025, 3, 1, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(1);

        var back = SqliteTime.Parse(SqliteTime.ToText(local));

        Assert.That(back, Is.EqualTo(local));
        Assert.That(back.UtcTicks, Is.EqualTo(local.UtcTicks));
        Assert.That(back.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Text_order_is_time_order_whatever_the_offset()
    {
        var times = new[]
        {
            new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(5)),
            new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(1),
            new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(-3)),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };

        var byText = times.OrderBy(SqliteTime.ToText, StringComparer.Ordinal);

        Assert.That(byText, Is.EqualTo(times.OrderBy(t => t.UtcTicks)));
    }
}
