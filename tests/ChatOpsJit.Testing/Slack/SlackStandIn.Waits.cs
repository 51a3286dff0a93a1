namespace ChatOpsJit.Testing.Slack;

/// <summary>Waiting for what the bot posted: a message in a channel, a DM to a person.</summary>
public sealed partial class SlackStandIn
{
    /// <summary>Waits until a message in <paramref name="channel"/> satisfies <paramref name="condition"/>; fails the test, listing the channel, when none does in time.</summary>
    public async Task<SlackPostedMessage> WaitForMessageAsync(string channel, Func<SlackPostedMessage, bool> condition, string what, TimeSpan? timeout = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        while (true)
        {
            if (MessagesIn(channel).FirstOrDefault(condition) is { } found)
            {
                return found;
            }

            if (waited.Elapsed > limit)
            {
                Assert.Fail($"timed out waiting for {what} in {channel}; it holds: {string.Join(" | ", MessagesIn(channel).Select(m => m.Text))}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for a DM to the user <paramref name="email"/> (opened by the bot's first DM) that satisfies <paramref name="condition"/>.</summary>
    public async Task<SlackPostedMessage> WaitForDirectAsync(string email, Func<SlackPostedMessage, bool> condition, string what, TimeSpan? timeout = null)
    {
        var userId = FindUser(email)?.Id ?? throw new ArgumentException($"{email} is not in the Slack workspace");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        while (DirectMessageChannel(userId) is null)
        {
            if (waited.Elapsed > limit)
            {
                Assert.Fail($"timed out waiting for the first DM to {email} ({what})");
            }

            await Task.Delay(50);
        }

        return await WaitForMessageAsync(DirectMessageChannel(userId)!, condition, what, limit - waited.Elapsed);
    }
}
