using System.Net.Http.Json;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Host.Sandbox;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios;

/// <summary>The whole flow on the real host: request, approval card, approval, grant, DMs and emails, expiry.</summary>
[TestFixture]
[NonParallelizable]
public sealed class AccessFlowTests
{
    [Test]
    public async Task Request_approve_grant_and_expiry_reach_the_requester_by_dm_and_email()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        await using var host = await TestHost.StartAsync(o => o.Time = time);

        var id = await Flow.RequestWeb1Async(host);

        var transcript = await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.ApproversChannel, $"Access request {id}") == 1, "the approval card");
        var card = transcript.Entries(Flow.ApproversChannel).Single().Card;
        Assert.Multiple(() =>
        {
            Assert.That(card.Field("Approvers"), Does.Contain("sre-leads"), "the card names the approvers");
            Assert.That(card.Field("Reason"), Is.EqualTo("disk full on /var"));
            Assert.That(card.Field("Duration"), Is.EqualTo("2h"));
            Assert.That(card.Actions!.Select(a => a.Verb), Is.EquivalentTo(new[] { "approve", "reject" }));
        });

        var (response, body) = await host.ActionAsync(Flow.Approver, "approve", id);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body.Error);

        transcript = await host.WaitForTranscriptAsync(
            t => Flow.Count(t, Flow.RequesterDm, "Access to web-1: Active") == 1 && Flow.Count(t, Flow.RequesterMailbox, "Access to web-1: Active") == 1,
            "the grant DM and email");
        var granted = transcript.Entries(Flow.RequesterDm).Single(e => e.Card.Title.StartsWith("Access to web-1: Active", StringComparison.Ordinal)).Card;
        Assert.Multiple(() =>
        {
            Assert.That(granted.Code, Is.EqualTo("aws ssm start-session --target i-0abc1234567890def --region eu-west-1"));
            Assert.That(granted.Text, Does.Contain("until 2026-11-28 11:00 UTC"));
            Assert.That(granted.Text, Does.Contain("Approved by Lee Lead (lead@example.com)"));
        });
        var updated = transcript.Entries(Flow.ApproversChannel).Single().Card;
        Assert.That(updated.Actions ?? [], Is.Empty, "the card lost its buttons for everyone");
        Assert.That(updated.Field("Status"), Does.StartWith("active until 2026-11-28 11:00 UTC"));

        var session = await host.Http.PostAsJsonAsync("/console/api/sessions", new { user = Flow.Requester, requestId = id });
        Assert.That((int)session.StatusCode, Is.EqualTo(200));
        Assert.That((await host.Get<SandboxGrantor>().FindAsync(id))!.LiveSessions, Is.EqualTo(1));

        time.Advance(TimeSpan.FromHours(2));

        transcript = await host.WaitForTranscriptAsync(
            t => Flow.Count(t, Flow.RequesterDm, "Access to web-1 expired") == 1 && Flow.Count(t, Flow.RequesterMailbox, "Access to web-1 expired") == 1,
            "the expiry DM and email");
        var expired = transcript.Entries(Flow.RequesterDm).Single(e => e.Card.Title.StartsWith("Access to web-1 expired", StringComparison.Ordinal)).Card;
        Assert.That(expired.Text, Does.Contain("1 live session was ended"));
        Assert.That((await host.Get<SandboxGrantor>().FindAsync(id))!.LiveSessions, Is.Zero, "the simulated session was ended");
        var request = await Flow.WaitForStateAsync(host, id, AccessRequestState.Expired);
        Assert.That(request.GrantWithdrawn, Is.True);
        Assert.That(transcript.Entries(Flow.ApproversChannel).Single().Card.Field("Status"), Does.StartWith("expired"));
    }

    [Test]
    public async Task Reject_tells_the_requester_and_closes_the_card()
    {
        await using var host = await TestHost.StartAsync();
        var id = await Flow.RequestWeb1Async(host);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.ApproversChannel, $"Access request {id}") == 1, "the approval card");

        var (response, body) = await host.ActionAsync(Flow.Approver, "reject", id);

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(body.Card!.Field("Status"), Does.Match(@"^rejected by Lee Lead \(lead@example\.com\) \d{4}-\d\d-\d\d \d\d:\d\d UTC$"),
            "the click's answer carries the redrawn card: who, and when");
        // The DM and the card's redraw are separate deliveries: both are the end state.
        var transcript = await host.WaitForTranscriptAsync(
            t => Flow.Count(t, Flow.RequesterDm, "Access to web-1 rejected") == 1 && t.Entries(Flow.ApproversChannel).Single().Card.Field("Status") is not null,
            "the rejection DM and the redrawn card");
        Assert.That(transcript.Entries(Flow.ApproversChannel).Single().Card.Field("Status"), Is.EqualTo(body.Card.Field("Status")));
        Assert.That(Flow.Count(transcript, Flow.RequesterMailbox, "Access to web-1 rejected"), Is.EqualTo(1));
    }

    [Test]
    public async Task List_status_cancel_revoke_and_help_work_through_the_console()
    {
        await using var host = await TestHost.StartAsync();
        var first = await Flow.RequestWeb1Async(host);

        var (_, list) = await host.CommandAsync(Flow.Requester, "access list");
        Assert.That(list.Reply!.Fields!.Select(f => f.Label), Has.Some.Contains(first));
        var (_, waiting) = await host.CommandAsync(Flow.Approver, "access list");
        Assert.That(waiting.Reply!.Fields!.Select(f => f.Label), Has.Some.Contains("waiting for you"));

        var (_, status) = await host.CommandAsync(Flow.Requester, $"access status {first}");
        Assert.That(status.Reply!.Title, Is.EqualTo($"Request {first}: pending, level 1 of 1"));

        var (cancelResponse, cancel) = await host.CommandAsync(Flow.Requester, $"access cancel {first}");
        Assert.That((int)cancelResponse.StatusCode, Is.EqualTo(200), cancel.Error);
        await Flow.WaitForStateAsync(host, first, AccessRequestState.Cancelled);

        var second = await Flow.RequestWeb1Async(host);
        await host.ActionAsync(Flow.Approver, "approve", second);
        await Flow.WaitForStateAsync(host, second, AccessRequestState.Active);
        var (revokeResponse, revoke) = await host.CommandAsync(Flow.Requester, $"access revoke {second}");
        Assert.That((int)revokeResponse.StatusCode, Is.EqualTo(200), revoke.Error);
        await Flow.WaitForStateAsync(host, second, AccessRequestState.Revoked);
        await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to web-1 revoked") == 1, "the revocation DM");

        var (helpResponse, help) = await host.CommandAsync(Flow.Requester, "access help");
        Assert.That((int)helpResponse.StatusCode, Is.EqualTo(200));
        Assert.That(help.Reply!.Code, Does.Contain("access revoke <id>"));
    }

    [Test]
    public async Task Auto_approval_statement_grants_at_once_without_a_card_and_cannot_be_revoked()
    {
        await using var host = await TestHost.StartAsync();

        var (response, body) = await host.CommandAsync(Flow.Requester, "/access dev-box-1 debug flaky test");

        Assert.That((int)response.StatusCode, Is.EqualTo(200), body.Error);
        Assert.That(body.Reply!.Title, Does.Contain("approved automatically by policy"));
        var id = System.Text.RegularExpressions.Regex.Match(body.Reply.Title, @"ar-[0-9a-f]{8}").Value;
        var transcript = await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to dev-box-1: Active") == 1, "the grant DM");
        Assert.That(transcript.Conversations.Where(c => c.Kind == "channel"), Is.Empty, "no approval card for auto-approved access");
        var request = await Flow.WaitForStateAsync(host, id, AccessRequestState.Active);
        Assert.Multiple(() =>
        {
            Assert.That(request.AutoApproved, Is.True);
            Assert.That(request.PolicyName, Is.EqualTo("platform-dev-self-service"));
            Assert.That(request.ExpiresAt - request.CreatedAt, Is.EqualTo(TimeSpan.FromHours(1)), "JITNA's fixed hour, from the approval, which was the submission");
        });

        var (revoke, revokeBody) = await host.CommandAsync(Flow.Requester, $"access revoke {id}");
        Assert.That((int)revoke.StatusCode, Is.EqualTo(400));
        Assert.That(revokeBody.Error, Does.Contain("auto-approved access cannot be revoked"));
    }

    [Test]
    public async Task Access_policies_explains_what_would_happen_and_why()
    {
        await using var host = await TestHost.StartAsync();

        var (_, restricted) = await host.CommandAsync(Flow.Requester, "access policies payments-db-1");
        var (_, dev) = await host.CommandAsync(Flow.Requester, "access policies dev-box-1");

        Assert.That(restricted.Reply!.Fields!.Single().Value, Does.StartWith("needs approval. Deny-access statement 'restricted-data-needs-people' (deny.cedar line 5) matched")
            .And.Contain("Manual policy 'restricted-data' applies because payments-db-1 (i-0db00000000000001) has the tag DataClass=restricted"));
        Assert.That(dev.Reply!.Fields!.Single().Value, Does.StartWith("approved at once for 1h. Auto-approval statement 'platform-dev-self-service' (auto-approval.cedar line 4) matched"));
    }
}
