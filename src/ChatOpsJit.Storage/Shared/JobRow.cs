using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Storage.Shared;

/// <summary>A claimed job row as both providers read it; each provider adds <c>DueAt</c> in its own time type.</summary>
internal abstract class JobRow
{
    public long Id { get; init; }
    public string RequestId { get; init; } = "";
    public string Kind { get; init; } = "";
    public long Attempts { get; init; }

    public abstract DateTimeOffset Due { get; }

    public DueJob ToJob() => new(RequestId, Enum.Parse<JobKind>(Kind), Due) { Id = Id, Attempts = (int)Attempts };
}
