namespace ChatOpsJit.Slack.Inbound;

/// <summary>Slack's three seconds: whether an answer came within the budget, so the ack can carry it.</summary>
internal static class AckBudget
{
    /// <summary>True when <paramref name="work"/> finished within <paramref name="budget"/>; the timer is stopped either way.</summary>
    public static async Task<bool> InTimeAsync(Task work, TimeSpan budget, TimeProvider time)
    {
        using var stop = new CancellationTokenSource();
        var timer = Task.Delay(budget, time, stop.Token);
        var first = await Task.WhenAny(work, timer).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        return first == work;
    }
}
