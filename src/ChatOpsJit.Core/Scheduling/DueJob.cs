namespace ChatOpsJit.Core.Scheduling;

/// <summary>A piece of work for one request that falls due at <see cref="DueAt"/>; claimed by one replica at a time.</summary>
public sealed record DueJob(string RequestId, JobKind Kind, DateTimeOffset DueAt)
{
    /// <summary>Store-assigned id; 0 before the job is stored.</summary>
    public long Id { get; init; }
    public int Attempts { get; init; }
}
