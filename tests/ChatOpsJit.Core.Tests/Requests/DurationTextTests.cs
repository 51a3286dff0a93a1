using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Tests.Requests;

public sealed class DurationTextTests
{
    [TestCase("90m", 0, 90)]
    [TestCase("2h", 2, 0)]
    [TestCase("1h30m", 1, 30)]
    [TestCase("1d", 24, 0)]
    [TestCase("1d2h", 26, 0)]
    [TestCase("2H", 2, 0)]
    [TestCase(" 45m ", 0, 45)]
    public void TryParse_reads_days_hours_and_minutes(string text, int hours, int minutes)
    {
        Assert.That(DurationText.TryParse(text, out var duration), Is.True);
        Assert.That(duration, Is.EqualTo(TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("0m")]
    [TestCase("0h0m")]
    [TestCase("h")]
    [TestCase("2")]
    [TestCase("1.5h")]
    [TestCase("-1h")]
    [TestCase("30m1h")]
    [TestCase("1h 30m")]
    [TestCase("2s")]
    [TestCase("deploy")]
    public void TryParse_refuses_what_is_not_a_positive_duration(string? text)
    {
        Assert.That(DurationText.TryParse(text, out var duration), Is.False);
        Assert.That(duration, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase(0, 90, "1h30m")]
    [TestCase(2, 0, "2h")]
    [TestCase(0, 45, "45m")]
    [TestCase(24, 0, "24h")]
    [TestCase(336, 0, "336h")]
    [TestCase(0, 0, "0m")]
    public void Format_writes_hours_and_minutes(int hours, int minutes, string expected)
    {
        Assert.That(DurationText.Format(TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes)), Is.EqualTo(expected));
    }

    [TestCase("1h30m")]
    [TestCase("45m")]
    [TestCase("12h")]
    public void Format_of_a_parsed_duration_gives_the_same_text_back(string text)
    {
        Assert.That(DurationText.TryParse(text, out var duration), Is.True);
        Assert.That(DurationText.Format(duration), Is.EqualTo(text));
    }

    [Test]
    public void Format_of_a_negative_duration_is_zero_minutes()
    {
        Assert.That(DurationText.Format(TimeSpan.FromMinutes(-5)), Is.EqualTo("0m"));
    }
}
