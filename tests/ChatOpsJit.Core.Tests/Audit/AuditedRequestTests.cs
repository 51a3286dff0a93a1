using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Serialization;
using ChatOpsJit.Core.Tests.Fakes;

namespace ChatOpsJit.Core.Tests.Audit;

public sealed class AuditedRequestTests
{
    /// <summary>Every property set, with ticks, offsets and non-ASCII text, so the round trip is tested where it could slip.</summary>
    private static AccessRequest Everything() => new()
    {
        Id = "ar-1a2b3c4d",
        Version = 4,
        State = AccessRequestState.Active,
        RequesterEmail = "dev@example.com",
        RequesterName = "Dév Ünïcode \"quoted\" <b>",
        OriginPlatform = PlatformName.Slack,
        RequesterUserId = "U123",
        NodeId = "i-0abc1234567890def",
        NodeName = "web-1",
        Account = "123456789012",
        Region = "eu-west-1",
        Reason = "disk full on /var — again\nsecond line",
        Duration = TimeSpan.FromMinutes(90).Add(TimeSpan.FromTicks(7)),
        RunAs = "readonly",
        PolicyName = "production",
        AutoApproved = false,
        Levels = [new ApprovalLevel(["sre-leads", "lead@example.com"], 1), new ApprovalLevel(["security"], 2)],
        CurrentLevel = 1,
        Approvals = [new Approval(0, "lead@example.com", new DateTimeOffset(2026, 12, 1, 10, 2, 3, TimeSpan.FromHours(2)).AddTicks(1234567))],
        Channels = new Dictionary<PlatformName, string> { [PlatformName.Slack] = "#approvals", [PlatformName.Console] = "platform-approvals" },
        CreatedAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(1),
        PendingUntil = new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero),
        ActivatedAt = new DateTimeOffset(2026, 12, 1, 10, 2, 4, TimeSpan.FromHours(-5)),
        ExpiresAt = new DateTimeOffset(2026, 12, 1, 11, 32, 4, TimeSpan.Zero).AddTicks(9999999),
        DecidedBy = "lead@example.com",
        StateReason = "approved",
        ConnectInstructions = "aws ssm start-session --target i-0abc1234567890def",
        SessionsEnded = 2,
        GrantWithdrawn = true,
    };

    [Test]
    public void Serialize_deserialize_serialize_of_a_request_is_byte_stable_so_the_digest_can_be_recomputed_from_the_row()
    {
        foreach (var request in new[] { Everything(), Everything() with { RunAs = null, PendingUntil = null, ExpiresAt = null, Levels = [], Channels = new Dictionary<PlatformName, string>() } })
        {
            var stored = CoreJson.Serialize(request);
            var again = CoreJson.Serialize(CoreJson.Deserialize<AccessRequest>(stored));

            Assert.That(again, Is.EqualTo(stored));
            Assert.That(AuditedRequest.DigestOf(again), Is.EqualTo(AuditedRequest.Of(request).Digest));
        }
    }

    [Test]
    public void The_snapshot_carries_state_version_deadlines_and_a_digest_that_any_field_changes()
    {
        var request = Everything();
        var snapshot = AuditedRequest.Of(request);

        Assert.That(snapshot with { Digest = "" }, Is.EqualTo(new AuditedRequest(AccessRequestState.Active, 4, request.PendingUntil, request.ExpiresAt, "")));
        Assert.That(snapshot.Digest, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(AuditedRequest.Of(request with { RunAs = "root" }).Digest, Is.Not.EqualTo(snapshot.Digest));
        Assert.That(AuditedRequest.Of(request with { Approvals = [] }).Digest, Is.Not.EqualTo(snapshot.Digest));
    }

    [Test]
    public async Task Every_record_the_workflow_writes_carries_the_request_as_that_transition_committed_it()
    {
        var world = new WorkflowWorld();
        await world.ActiveAsync();
        world.Time.Advance(TimeSpan.FromHours(3));
        await world.RunDueAsync();
        await world.RunDueAsync();

        var commits = world.Store.Commits;
        Assert.That(commits, Has.Count.GreaterThanOrEqualTo(4));
        Assert.That(commits.Select(c => c.Audit.Request), Is.EqualTo(commits.Select(c => AuditedRequest.Of(c.Request))));
        Assert.That(commits.Select(c => c.Audit.Request!.State), Does.Contain(AccessRequestState.Expired));
        Assert.That(world.Store.Audit.Select(r => r.Request), Is.All.Not.Null);
    }
}
