using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Core.Workflow;

/// <summary>
/// Applies a decision to a request with optimistic concurrency: read, decide, commit; on a lost race, read again and
/// decide again. So of many concurrent clicks exactly one outcome is written, and the others are told what happened.
/// Every commit also carries the live cards' posts and redraws that the change implies.
/// </summary>
internal sealed class RequestCommitter(IAccessRequestStore store, RequestNotifications notifications, WorkSignal signal, TimeProvider time, ILogger logger)
{
    private const int MaxAttempts = 20;

    public TimeProvider Time => time;

    public async Task<WorkflowResult> ChangeAsync(string requestId, Func<AccessRequest, DateTimeOffset, Task<Change>> decide, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await store.FindAsync(requestId, ct).ConfigureAwait(false);
            if (current is null)
            {
                return WorkflowResult.Refused($"there is no request {requestId}.");
            }

            var change = await decide(current, time.GetUtcNow()).ConfigureAwait(false);
            if (change.Next is null)
            {
                return WorkflowResult.Refused(change.Message, current);
            }

            var next = change.Next with { Version = current.Version + 1 };
            if (await CommitAsync(current, next, change, ct).ConfigureAwait(false))
            {
                return new WorkflowResult(change.Ok, change.Message, next) { Committed = true };
            }

            logger.LogDebug("Request {RequestId} changed while deciding {AuditKind} (attempt {Attempt}); deciding again", requestId, change.Event?.Kind, attempt);
        }

        return WorkflowResult.Refused($"request {requestId} is changing too fast right now; try again.");
    }

    /// <summary>Writes a new request (version 1).</summary>
    public Task<bool> InsertAsync(AccessRequest request, Change change, CancellationToken ct) =>
        CommitAsync(null, request with { Version = 1 }, change, ct);

    private async Task<bool> CommitAsync(AccessRequest? current, AccessRequest next, Change change, CancellationToken ct)
    {
        var audit = change.Event ?? throw new InvalidOperationException("a change that is not a refusal records an audit event");
        var entry = new AuditEntry(next.Id, audit.Kind, change.Actor, time.GetUtcNow(), audit.Data()) { Request = AuditedRequest.Of(next) };
        var messages = change.Notifications(next).Concat(notifications.Changes(current, next)).ToList();
        var transition = new Transition(next, current?.Version ?? 0, entry, messages, change.Jobs, change.CancelJobs);
        using var span = ChatOpsJitTracing.Start("transition", audit.Kind, next.Id);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(ChatOpsJitTracing.Event, audit.Kind);
            span.SetTag(ChatOpsJitTracing.FromState, current?.State.ToString() ?? "none");
            span.SetTag(ChatOpsJitTracing.ToState, next.State.ToString());
            span.SetTag(ChatOpsJitTracing.Version, next.Version);
        }

        bool committed;
        try
        {
            committed = await store.TryCommitAsync(transition, ct).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            span.Ended("error", e);
            throw;
        }

        span.Ended(committed ? "committed" : "conflict");
        if (!committed)
        {
            return false;
        }

        logger.LogInformation("Request {RequestId} {AuditKind} by {Actor}: now {State} (version {Version})",
            next.Id, audit.Kind, change.Actor, next.State, next.Version);
        if (transition.Notifications.Count > 0 || transition.Jobs.Count > 0)
        {
            signal.Pulse();
        }

        return true;
    }
}
