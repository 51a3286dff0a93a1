namespace ChatOpsJit.Core.Workflow;

/// <summary>Whether a due job is finished, or should run again at a later time.</summary>
public sealed record JobOutcome(bool Done, DateTimeOffset? RetryAt = null, string? Error = null)
{
    public static JobOutcome Finished { get; } = new(true);

    public static JobOutcome Retry(DateTimeOffset at, string error) => new(false, at, error);
}
