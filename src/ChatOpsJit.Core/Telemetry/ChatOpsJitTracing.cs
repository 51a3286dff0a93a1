using System.Diagnostics;

namespace ChatOpsJit.Core.Telemetry;

/// <summary>
/// The spans ChatOpsJit starts (activity source <c>ChatOpsJit</c>) and the attribute names they carry. Each start is one
/// check of <see cref="ActivitySource.HasListeners"/> and nothing else when no tracer listens, so tracing that is off
/// costs no allocation.
/// </summary>
public static class ChatOpsJitTracing
{
    public const string SourceName = "ChatOpsJit";

    public const string RequestId = "chatopsjit.request_id";
    public const string Event = "chatopsjit.event";
    public const string FromState = "chatopsjit.state.from";
    public const string ToState = "chatopsjit.state.to";
    public const string Version = "chatopsjit.request.version";
    public const string Outcome = "chatopsjit.outcome";
    public const string Platform = "chatopsjit.platform";
    public const string NotificationKind = "chatopsjit.notification.kind";
    public const string Attempt = "chatopsjit.attempt";
    public const string JobKind = "chatopsjit.job.kind";
    public const string ErrorType = "error.type";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Marks an outgoing request whose URL is itself a credential (a Slack response_url): its trace keeps the scheme and
    /// host, never the path.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> SecretUrl = new("ChatOpsJit.SecretUrl");

    /// <summary>A span named <c>{verb} {what}</c> for one request, or null when nobody listens or the sampler declines.</summary>
    public static Activity? Start(string verb, string what, string? requestId, ActivityKind kind = ActivityKind.Internal)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity($"{verb} {what}", kind);
        if (activity is { IsAllDataRequested: true } && requestId is not null)
        {
            activity.SetTag(RequestId, requestId);
        }

        return activity;
    }

    /// <summary>Records how the span's work ended, and marks it failed with the exception's type (never its message).</summary>
    public static void Ended(this Activity? activity, string outcome, Exception? error = null)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        activity.SetTag(Outcome, outcome);
        if (error is not null)
        {
            activity.SetTag(ErrorType, error.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }

    /// <summary>The request id of the nearest enclosing ChatOpsJit span, so a client span can name the request it serves.</summary>
    public static string? RequestIdAbove(Activity? activity)
    {
        for (var current = activity; current is not null; current = current.Parent)
        {
            if (current.GetTagItem(RequestId) is string id)
            {
                return id;
            }
        }

        return null;
    }
}
