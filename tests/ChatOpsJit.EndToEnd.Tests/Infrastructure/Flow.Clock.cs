using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.EndToEnd.Tests.Infrastructure;

/// <summary>Moving a fake host clock while waiting for what it should cause.</summary>
public static partial class Flow
{
    /// <summary>
    /// Moves the clock on in steps until <paramref name="done"/> holds: one jump can fall between a worker's passes,
    /// and a worker that then waits on the fake clock would wait for ever.
    /// </summary>
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, TimeSpan step, Func<Task<bool>> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await done())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what} at {time.GetUtcNow():u}");
            }

            time.Advance(step);
            await Task.Delay(100);
        }
    }
}
