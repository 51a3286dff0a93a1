using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Core.Workflow;

/// <summary>A decided change to a request, before it is committed; or the reason it is refused.</summary>
internal sealed record Change(
    AccessRequest? Next,
    AuditEvent? Event,
    string Actor,
    Func<AccessRequest, IEnumerable<OutboxMessage>> Notifications,
    IReadOnlyList<DueJob> Jobs,
    IReadOnlyList<JobKind> CancelJobs,
    string Message)
{
    public static Change Refuse(string message) => new(null, null, "", _ => [], [], [], message);
}
