namespace ChatOpsJit.Testing.Aws;

/// <summary>The failures a test can ask for, by operation name ("AssumeRole", "TerminateSession", "SendEmail"…).</summary>
public sealed partial class AwsStandIn
{
    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="operation"/> fail with <paramref name="fault"/>, as the
    /// service would say it; with <paramref name="retryAfter"/> the answer carries a Retry-After header in whole seconds.
    /// </summary>
    public void FailNext(string operation, int times, AwsFault fault, TimeSpan? retryAfter = null) =>
        _faults.FailNext(operation, times, fault, retryAfter);

    /// <summary>Every call of <paramref name="operation"/> fails with <paramref name="fault"/> until <see cref="Heal"/>.</summary>
    public void FailAlways(string operation, AwsFault fault, TimeSpan? retryAfter = null) => _faults.FailAlways(operation, fault, retryAfter);

    /// <summary>Drops every failure queued or standing for <paramref name="operation"/>.</summary>
    public void Heal(string operation) => _faults.Heal(operation);
}
