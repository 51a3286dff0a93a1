using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Core.Workflow;

/// <summary>
/// A decided change to a request, before it is committed; or the reason it is refused. Live cards are redrawn by the
/// committer from the request itself; <see cref="Notifications"/> lists only one-off notices.
/// </summary>
internal sealed record Change(AccessRequest? Next, AuditEvent? Event, string Actor, string Message)
{
    public Func<AccessRequest, IEnumerable<OutboxMessage>> Notifications { get; init; } = _ => [];

    public IReadOnlyList<DueJob> Jobs { get; init; } = [];

    /// <summary>Pending jobs of this request to drop (e.g. the time-out once it is approved).</summary>
    public IReadOnlyList<JobKind> CancelJobs { get; init; } = [];

    /// <summary>
    /// False for a change that is committed yet answers the person with a refusal: a deadline had passed, so their
    /// decision closed the request instead of doing what they asked.
    /// </summary>
    public bool Ok { get; init; } = true;

    public static Change Refuse(string message) => new(null, null, "", message);
}
