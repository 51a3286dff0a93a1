using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Core.Workflow;

/// <summary>
/// The changes that close a request when a deadline passes. The due jobs make them, and so does any decision that finds
/// the deadline already behind it: a late job or a host that was down never lets an approval, a grant or credentials
/// through after the pending deadline or the grant's end.
/// </summary>
internal sealed class Closing(RequestNotifications notifications)
{
    /// <summary>The change closing <paramref name="r"/> if one of its deadlines passed by <paramref name="now"/>, answered as a refusal; else null.</summary>
    public Change? Overdue(AccessRequest r, DateTimeOffset now) => r switch
    {
        { State: AccessRequestState.Pending, PendingUntil: { } until } when until <= now => TimeOut(r, now) with
        {
            Ok = false,
            Message = $"request {r.Id} timed out at {RequestCards.When(until)} before anyone decided; it can no longer be approved or rejected. Ask again with /access.",
        },
        { State: AccessRequestState.Approved or AccessRequestState.Active, ExpiresAt: { } end } when end <= now => Expire(r, now) with
        {
            Ok = false,
            Message = $"the access window of request {r.Id} closed at {RequestCards.When(end)}; ask again with /access.",
        },
        _ => null,
    };

    private Change TimeOut(AccessRequest r, DateTimeOffset now) =>
        new(r with { State = AccessRequestState.TimedOut, EndedAt = now, StateReason = "nobody answered in time" }, new RequestTimedOut(r.PendingUntil), "system", "timed out")
        {
            Notifications = n => notifications.ToRequester(n, RequestCards.TimedOut(n)),
            CancelJobs = [JobKind.TimeOut],
        };

    /// <summary>
    /// The window closed: the request expires (an extension still waiting lapses) and its sessions are ended next, also
    /// when the grant was never issued, since an attempt may have reached the grantor.
    /// </summary>
    private static Change Expire(AccessRequest r, DateTimeOffset now) =>
        new(Lapse(r) with
        {
            State = AccessRequestState.Expired,
            EndedAt = now,
            StateReason = r.ActivatedAt is null ? "the access window closed before the grant could be issued" : "the access window closed",
        }, new RequestExpired(r.ExpiresAt), "system", "expired")
        {
            Jobs = [new DueJob(r.Id, JobKind.EndSessions, now)],
            CancelJobs = [JobKind.Grant, JobKind.Expire, JobKind.Remind],
        };

    /// <summary>The request with an extension that is still waiting marked lapsed (the grant ends before it was decided).</summary>
    public static AccessRequest Lapse(AccessRequest r) => r.PendingExtension is null ? r
        : r with { Extensions = r.Extensions.Select(e => e.IsPending ? e with { State = ExtensionState.Lapsed } : e).ToList() };
}
