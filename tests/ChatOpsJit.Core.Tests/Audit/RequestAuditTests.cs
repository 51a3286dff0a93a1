using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Serialization;

namespace ChatOpsJit.Core.Tests.Audit;

public sealed class RequestAuditTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly AuditKey Key = AuditKey.Generate();

    private static AccessRequest Request(long version, AccessRequestState state) => new()
    {
        Id = "ar-1a2b3c4d",
        Version = version,
        State = state,
        RequesterEmail = "dev@example.com",
        RequesterName = "Dev",
        OriginPlatform = PlatformName.Console,
        NodeId = "i-1",
        NodeName = "web-1",
        Reason = "disk full",
        Duration = TimeSpan.FromHours(1),
        CreatedAt = At,
        ExpiresAt = state == AccessRequestState.Pending ? null : At.AddHours(1),
    };

    private static RequestRow Row(AccessRequest request) =>
        new(request.Id, request.State.ToString(), request.RequesterEmail, request.NodeId, request.Version, CoreJson.Serialize(request));

    /// <summary>Records 1..n for versions 1..n of the request, the last one <paramref name="last"/>.</summary>
    private static RequestAudit Audited(params AccessRequest[] versions)
    {
        var audit = new RequestAudit();
        var previous = AuditChain.Genesis;
        for (var i = 0; i < versions.Length; i++)
        {
            var record = AuditChain.Seal(i + 1, new AuditEntry(versions[i].Id, "k", "a", At, "{}") { Request = AuditedRequest.Of(versions[i]) }, Key, previous);
            audit.Add(record);
            previous = record.Mac;
        }

        return audit;
    }

    [Test]
    public void A_row_that_is_what_its_last_record_sealed_passes()
    {
        var last = Request(2, AccessRequestState.Active);
        var audit = Audited(Request(1, AccessRequestState.Pending), last);

        Assert.That(audit.Check(Row(last)), Is.Null);
        Assert.That(audit.Unmatched(), Is.Empty);
        Assert.That(audit.Checked, Is.EqualTo(1));
    }

    [Test]
    public void A_row_set_back_to_an_older_state_names_the_row_and_the_record()
    {
        var audit = Audited(Request(1, AccessRequestState.Pending), Request(2, AccessRequestState.Active), Request(3, AccessRequestState.Expired));

        Assert.That(audit.Check(Row(Request(2, AccessRequestState.Active))), Is.EqualTo(
            "request ar-1a2b3c4d was edited outside the workflow: the row says Active version 2, its last audit record 3 says Expired version 3"));
    }

    [Test]
    public void A_row_whose_expiry_was_pushed_out_names_both_times()
    {
        var last = Request(2, AccessRequestState.Active);
        var audit = Audited(Request(1, AccessRequestState.Pending), last);

        Assert.That(audit.Check(Row(last with { ExpiresAt = At.AddDays(30) })), Is.EqualTo(
            "request ar-1a2b3c4d was edited outside the workflow: the row says it expires 2026-12-31 09:00:00 UTC, its last audit record 2 says 2026-12-01 10:00:00 UTC"));
    }

    [Test]
    public void A_row_with_any_other_field_changed_is_caught_by_the_digest()
    {
        var last = Request(2, AccessRequestState.Active);
        var audit = Audited(Request(1, AccessRequestState.Pending), last);

        Assert.That(audit.Check(Row(last with { RunAs = "root" })), Is.EqualTo(
            "request ar-1a2b3c4d was edited outside the workflow: its JSON is not what its last audit record 2 sealed (same state, version and deadlines; another field was changed)"));
    }

    [Test]
    public void A_column_that_disagrees_with_the_json_is_named()
    {
        var last = Request(2, AccessRequestState.Active);
        var audit = Audited(Request(1, AccessRequestState.Pending), last);

        Assert.That(audit.Check(Row(last) with { State = "Pending" }), Is.EqualTo(
            "request ar-1a2b3c4d was edited outside the workflow: its state column says Pending but its JSON says Active"));
    }

    [Test]
    public void A_row_without_records_and_records_without_a_row_are_both_named()
    {
        var audit = Audited(Request(1, AccessRequestState.Pending));
        var stranger = Request(1, AccessRequestState.Active) with { Id = "ar-99999999" };

        Assert.That(audit.Check(Row(stranger)), Is.EqualTo("request ar-99999999 has no audit record: it was inserted outside the workflow"));
        Assert.That(audit.Unmatched(), Is.EqualTo(new[] { "request ar-1a2b3c4d has audit records (the last is record 1) but no row: it was deleted outside the workflow" }));
    }

    [Test]
    public void A_request_whose_records_are_all_legacy_is_counted_and_not_checked()
    {
        var audit = new RequestAudit();
        audit.Add(AuditChain.LegacyLink(1, new AuditEntry("ar-1a2b3c4d", "k", "a", At, "{}"), AuditChain.Genesis));

        Assert.That(audit.Check(Row(Request(9, AccessRequestState.Revoked))), Is.Null);
        Assert.That(audit.LegacyOnly, Is.EqualTo(1));
        Assert.That(audit.Checked, Is.Zero);
    }
}
