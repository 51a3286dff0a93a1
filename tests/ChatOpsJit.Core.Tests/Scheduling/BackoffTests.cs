using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Core.Tests.Scheduling;

public sealed class BackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(15);

    [TestCase(1, 2)]
    [TestCase(2, 4)]
    [TestCase(3, 8)]
    [TestCase(4, 16)]
    [TestCase(8, 256)]
    public void The_upper_bound_doubles_per_attempt(int attempt, int seconds)
    {
        var top = Backoff.Next(attempt, First, Max, null, new FixedRandom(1.0));

        Assert.That(top, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase(10)]
    [TestCase(30)]
    [TestCase(1000)]
    [TestCase(int.MaxValue)]
    public void The_delay_is_capped_at_max(int attempt)
    {
        Assert.That(Backoff.Next(attempt, First, Max, null, new FixedRandom(1.0)), Is.EqualTo(Max));
        Assert.That(Backoff.Next(attempt, First, Max, null, new FixedRandom(0.999999)), Is.LessThanOrEqualTo(Max));
    }

    [Test]
    public void The_lower_bound_is_half_the_first_delay()
    {
        Assert.That(Backoff.Next(5, First, Max, null, new FixedRandom(0.0)), Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void Attempts_below_one_count_as_the_first(int attempt)
    {
        Assert.That(Backoff.Next(attempt, First, Max, null, new FixedRandom(1.0)), Is.EqualTo(First));
    }

    [Test]
    public void Jitter_stays_within_half_the_first_delay_and_the_ceiling_and_varies()
    {
        var random = new Random(12345);
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var ceiling = TimeSpan.FromMilliseconds(Math.Min(Max.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, attempt - 1)));
            var delays = Enumerable.Range(0, 200).Select(_ => Backoff.Next(attempt, First, Max, null, random)).ToList();

            Assert.That(delays, Is.All.InRange(First / 2, ceiling), $"attempt {attempt}");
            if (attempt > 1)
            {
                Assert.That(delays.Distinct().Count(), Is.GreaterThan(100), $"attempt {attempt} should be jittered");
            }
        }
    }

    [Test]
    public void Never_sooner_than_retry_after()
    {
        var retryAfter = TimeSpan.FromMinutes(40);

        Assert.That(Backoff.Next(1, First, Max, retryAfter, new FixedRandom(1.0)), Is.EqualTo(retryAfter),
            "Retry-After wins even over the max delay");
        var random = new Random(7);
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            Assert.That(Backoff.Next(attempt, First, Max, TimeSpan.FromSeconds(30), random), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(30)));
        }
    }

    [Test]
    public void A_retry_after_shorter_than_the_backoff_does_not_shorten_it()
    {
        Assert.That(Backoff.Next(6, First, Max, TimeSpan.FromSeconds(1), new FixedRandom(1.0)), Is.EqualTo(TimeSpan.FromSeconds(64)));
    }

    [Test]
    public void The_same_seed_gives_the_same_delays()
    {
        var a = new Random(99);
        var b = new Random(99);

        var first = Enumerable.Range(1, 10).Select(n => Backoff.Next(n, First, Max, null, a));
        var second = Enumerable.Range(1, 10).Select(n => Backoff.Next(n, First, Max, null, b));

        Assert.That(first, Is.EqualTo(second));
    }
}
