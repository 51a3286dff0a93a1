namespace ChatOpsJit.Core.Workflow;

/// <summary>Whether a due job is finished, or should run again at a later time.</summary>
public sealed record JobOutcome(bool Done, DateTimeOffset? RetryAt = null, string? Error = null)
{
    public static JobOutcome Finished { get; } = new(true);

    /// <summary>
    /// Finished by a committed change that also dropped the job's own row (it cancels jobs of the job's kind), so there is
    /// no row left to complete: the scheduler saves that write.
    /// </summary>
    public static JobOutcome FinishedWithItsRow { get; } = new(true) { RowDeleted = true };

    /// <summary>The job's row went with the transition that finished it.</summary>
    public bool RowDeleted { get; init; }

    public static JobOutcome Retry(DateTimeOffset at, string error) => new(false, at, error);
}
