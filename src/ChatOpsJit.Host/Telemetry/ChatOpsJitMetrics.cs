using System.Diagnostics.Metrics;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Host.Telemetry;

/// <summary>The OpenTelemetry metrics ChatOpsJit publishes (meter <c>ChatOpsJit</c>).</summary>
public sealed class ChatOpsJitMetrics
{
    public const string MeterName = "ChatOpsJit";

    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _jobs;
    private readonly Counter<long> _commands;

    public ChatOpsJitMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _delivered = meter.CreateCounter<long>("chatopsjit.notifications.delivered", description: "Notifications delivered");
        _failed = meter.CreateCounter<long>("chatopsjit.notifications.failed", description: "Notification delivery attempts that failed");
        _jobs = meter.CreateCounter<long>("chatopsjit.jobs.run", description: "Due jobs run");
        _commands = meter.CreateCounter<long>("chatopsjit.commands", description: "Chat commands handled");
    }

    /// <param name="via">The platform name, or <c>email</c>.</param>
    public void NotificationDelivered(string via, NotificationKind kind) =>
        _delivered.Add(1, new("via", via), new("kind", kind.ToString()));

    public void NotificationFailed(string via, NotificationKind kind, bool gaveUp) =>
        _failed.Add(1, new("via", via), new("kind", kind.ToString()), new("gave_up", gaveUp));

    public void JobRan(JobKind kind, bool done) => _jobs.Add(1, new("kind", kind.ToString()), new("done", done));

    public void CommandHandled(PlatformName platform, bool error) => _commands.Add(1, new("platform", platform.Value), new("error", error));
}
