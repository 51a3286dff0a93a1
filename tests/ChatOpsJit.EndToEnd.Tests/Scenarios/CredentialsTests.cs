using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios;

/// <summary>
/// Temporary credentials on the real host with the sandbox grantor: only the requester gets them, only while the grant is
/// active, and they appear in the clicker's HTTP reply and nowhere else: not the outbox, the transcript, the logs, the
/// audit trail or any byte of the database files.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class CredentialsTests
{
    [GeneratedRegex("AWS_SECRET_ACCESS_KEY=(?<secret>\\S+)")]
    private static partial Regex SecretLine();

    [GeneratedRegex("AWS_SESSION_TOKEN=(?<token>\\S+)")]
    private static partial Regex TokenLine();

    [Test]
    public async Task Only_the_requester_gets_credentials_while_active_and_they_are_never_stored_logged_or_audited()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var logs = new LogCapture();
        var options = new TestHostOptions { Time = time, Logs = logs };
        await using var host = await TestHost.StartAsync(options);
        var id = await Flow.RequestWeb1Async(host);
        await host.ActionAsync(Flow.Approver, "approve", id);
        var transcript = await host.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to web-1: Active") == 1, "the grant DM");
        var dm = transcript.Entries(Flow.RequesterDm).Single().Card;
        Assert.That(dm.Actions!.Select(a => (a.Verb, a.Audience)), Is.EqualTo(new[] { ("credentials", (string?)"Requester"), ("extend", "Requester"), ("revoke", "Requester") }));

        var (refused, refusal) = await host.ActionAsync(Flow.Approver, "credentials", id);
        var (response, body) = await host.ActionAsync(Flow.Requester, "credentials", id);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refusal.Error, Is.EqualTo($"Sorry: only {Flow.Requester}, who asked, can get credentials for request {id}."));
        Assert.That(refusal.Reply, Is.Null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.Error);
        var card = body.Reply!;
        Assert.That(card.Sensitive, Is.True);
        Assert.That(card.Title, Is.EqualTo("Temporary credentials for web-1"));
        var secret = SecretLine().Match(card.Code!).Groups["secret"].Value;
        var token = TokenLine().Match(card.Code!).Groups["token"].Value;
        var keyId = card.Field("Key id")!;
        Assert.That(secret, Does.StartWith("sandbox-fake-secret-"));
        Assert.That(token, Does.StartWith("sandbox-fake-session-token-"));
        Assert.That(card.Code, Does.EndWith("aws ssm start-session --target i-0abc1234567890def --region eu-west-1"));

        // Everything the flow sends is sent before the search, so nothing could still be on its way to a store.
        await Flow.WaitUntilQuietAsync(host);
        var audit = new List<AuditRecord>();
        await foreach (var record in host.Get<IAuditLog>().ReadAsync())
        {
            audit.Add(record);
        }

        var places = new Dictionary<string, string>
        {
            ["the transcript"] = await host.Http.GetStringAsync("/console/api/transcript"),
            ["the logs"] = logs.All,
            ["the audit trail"] = string.Join("\n", audit.Select(a => $"{a.Kind} {a.Actor} {a.Data}")),
            ["the database files"] = Flow.DatabaseBytes(options.DatabaseFile),
        };
        Assert.Multiple(() =>
        {
            foreach (var (place, text) in places)
            {
                Assert.That(text, Does.Not.Contain(secret), $"the secret key in {place}");
                Assert.That(text, Does.Not.Contain(token), $"the session token in {place}");
            }

            Assert.That(logs.All, Does.Contain(id), "the search looked at real log lines");
            Assert.That(places["the database files"], Does.Contain(id), "the search read real database pages");
            Assert.That(audit.Last(), Has.Property(nameof(AuditRecord.Kind)).EqualTo(AuditKinds.CredentialsIssued).And.Property(nameof(AuditRecord.Actor)).EqualTo(Flow.Requester));
            Assert.That(audit.Last().Data, Does.Contain(keyId), "the key id is audited, for CloudTrail correlation");
        });

        time.Advance(TimeSpan.FromHours(2));
        var (late, lateBody) = await host.ActionAsync(Flow.Requester, "credentials", id);
        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the window closed, whether or not the expiry job ran yet");
        Assert.That(lateBody.Reply, Is.Null);
        Assert.That(await Flow.AuditCountAsync(host, id, AuditKinds.CredentialsIssued), Is.EqualTo(1));
    }
}
