using System.Diagnostics;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Core.Telemetry;

namespace ChatOpsJit.Host.Telemetry;

/// <summary>The span of one outbox delivery attempt: <c>deliver {kind}</c>, parent of the platform's HTTP or SMTP calls.</summary>
internal static class DeliverySpan
{
    public static Activity? Start(OutboxMessage message, string via)
    {
        var span = ChatOpsJitTracing.Start("deliver", message.Kind.ToString(), message.RequestId);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(ChatOpsJitTracing.NotificationKind, message.Kind.ToString());
            span.SetTag(ChatOpsJitTracing.Platform, via);
            span.SetTag(ChatOpsJitTracing.Attempt, message.Attempts);
            span.SetTag(ChatOpsJitTracing.Version, message.RequestVersion);
        }

        return span;
    }
}

/// <summary>The span of one due job run: <c>job {kind}</c>, parent of the transitions and grant calls it makes.</summary>
internal static class JobSpan
{
    public static Activity? Start(DueJob job)
    {
        var span = ChatOpsJitTracing.Start("job", job.Kind.ToString(), job.RequestId);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(ChatOpsJitTracing.JobKind, job.Kind.ToString());
            span.SetTag(ChatOpsJitTracing.Attempt, job.Attempts);
        }

        return span;
    }
}
