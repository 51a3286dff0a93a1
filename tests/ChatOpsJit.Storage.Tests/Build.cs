using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Scheduling;

namespace ChatOpsJit.Storage.Tests;

/// <summary>Test data: requests, transitions, notifications and jobs with sensible defaults.</summary>
internal static class Build
{
    public static AccessRequest Request(
        string id, DateTimeOffset createdAt, string requester = "ann@example.com", string? node = null,
        AccessRequestState state = AccessRequestState.Pending) => new()
    {
        Id = id,
        Version = 1,
        State = state,
        RequesterEmail = requester,
        RequesterName = "Ann",
        OriginPlatform = PlatformName.Console,
        // One node per request unless a test says otherwise: a person may hold only one open request per node.
        NodeId = node ?? "i-" + id,
        NodeName = "web-1",
        Reason = "disk full",
        Duration = TimeSpan.FromHours(1),
        Levels = [new ApprovalLevel(["ops"], 1)],
        Channels = new Dictionary<PlatformName, string> { [PlatformName.Console] = "#approvals" },
        CreatedAt = createdAt,
        PendingUntil = createdAt.AddDays(7),
    };

    public static Transition Insert(
        AccessRequest request, IReadOnlyList<OutboxMessage>? notifications = null, IReadOnlyList<DueJob>? jobs = null) =>
        new(request, 0, Audit(request.Id, "request.submitted", request.CreatedAt), notifications ?? [], jobs ?? [], []);

    /// <summary>The next transition of <paramref name="current"/>: version +1, new state, one audit event.</summary>
    public static Transition Next(
        AccessRequest current, AccessRequestState state, DateTimeOffset at, string data = "{}",
        IReadOnlyList<OutboxMessage>? notifications = null, IReadOnlyList<DueJob>? jobs = null, IReadOnlyList<JobKind>? cancel = null) =>
        new(current with { Version = current.Version + 1, State = state }, current.Version,
            Audit(current.Id, "request." + state.ToString().ToLowerInvariant(), at, data), notifications ?? [], jobs ?? [], cancel ?? []);

    public static AuditEntry Audit(string requestId, string kind, DateTimeOffset at, string data = "{}") =>
        new(requestId, kind, "ann@example.com", at, data);

    public static OutboxMessage Message(string requestId, string key, DateTimeOffset dueAt = default, long version = 1) =>
        new(requestId, version, NotificationKind.ChannelCard, PlatformName.Console, "#approvals", Card("Request " + key), key) { CardKey = "card-" + requestId, DueAt = dueAt };

    /// <summary>An update of the card <see cref="Message"/> posts for the same request.</summary>
    public static OutboxMessage Update(string requestId, string key, long version, DateTimeOffset dueAt = default) =>
        Message(requestId, key, dueAt, version) with { Kind = NotificationKind.CardUpdate };

    public static ChatCard Card(string title) => new()
    {
        Title = title,
        Text = "disk full on web-1",
        Fields = [new CardField("Node", "web-1")],
        Actions = [new CardAction(CardVerb.Approve, "Approve", "ar-00000001", CardAudience.Approvers, CardActionStyle.Primary)],
        Tone = CardTone.Pending,
    };

    public static DueJob Job(string requestId, JobKind kind, DateTimeOffset dueAt) => new(requestId, kind, dueAt);
}
