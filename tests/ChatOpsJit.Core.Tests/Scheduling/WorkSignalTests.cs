using ChatOpsJit.Core.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Core.Tests.Scheduling;

public sealed class WorkSignalTests
{
    // A clock that never moves: a wait can only end by a pulse.
    private readonly FakeTimeProvider stopped = new();

    [Test]
    public async Task A_pulse_between_taking_the_next_pulse_and_waiting_ends_the_wait_at_once()
    {
        var signal = new WorkSignal();
        var woken = signal.NextPulse;
        signal.Pulse(); // a commit landing while the worker was still claiming

        await signal.WaitAsync(woken, TimeSpan.FromHours(1), stopped, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task A_pulse_during_the_wait_ends_it_and_without_one_it_lasts_until_the_timeout()
    {
        var signal = new WorkSignal();
        var waiting = signal.WaitAsync(signal.NextPulse, TimeSpan.FromMinutes(5), stopped, CancellationToken.None);
        await Task.Delay(50);
        Assert.That(waiting.IsCompleted, Is.False, "nothing has happened yet");
        signal.Pulse();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        var timed = signal.WaitAsync(signal.NextPulse, TimeSpan.FromMinutes(5), stopped, CancellationToken.None);
        stopped.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(50);
        Assert.That(timed.IsCompleted, Is.False, "the pulse before this wait's own was taken does not count");
        stopped.Advance(TimeSpan.FromMinutes(1));
        await timed.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public void A_cancelled_wait_throws_even_when_the_pulse_came_already()
    {
        var signal = new WorkSignal();
        var woken = signal.NextPulse;
        signal.Pulse();

        Assert.That(() => signal.WaitAsync(woken, TimeSpan.FromHours(1), stopped, new CancellationToken(canceled: true)), Throws.InstanceOf<OperationCanceledException>());
    }
}
