using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Core.Ports;

/// <summary>
/// One atomic change to a request: its new state, the audit event, the notifications and the due work it causes.
/// The store writes all of it or none of it, and only if the stored version is still <see cref="ExpectedVersion"/>.
/// </summary>
/// <param name="ExpectedVersion">0 to insert a new request.</param>
/// <param name="CancelJobs">Pending jobs of this request to drop (e.g. the time-out once it is approved).</param>
public sealed record Transition(
    AccessRequest Request,
    long ExpectedVersion,
    AuditEntry Audit,
    IReadOnlyList<OutboxMessage> Notifications,
    IReadOnlyList<DueJob> Jobs,
    IReadOnlyList<JobKind> CancelJobs);
