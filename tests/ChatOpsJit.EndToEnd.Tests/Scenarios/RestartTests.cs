using System.Net.Http.Json;
using ChatOpsJit.Core.Requests;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios;

/// <summary>Stopping the host with notifications still in the outbox loses nothing and repeats nothing.</summary>
[TestFixture]
[NonParallelizable]
public sealed class RestartTests
{
    [Test]
    public async Task After_a_restart_every_notification_goes_out_exactly_once_and_expiry_still_happens()
    {
        await using var smtp = TestSmtpServer.Start();
        var options = new TestHostOptions();
        options.Settings["Email:SmtpHost"] = "127.0.0.1";
        options.Settings["Email:SmtpPort"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.Settings["Email:Security"] = "None";
        var start = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

        string id;
        options.Time = new FakeTimeProvider(start);
        options.Settings["Workers:DeliverNotifications"] = "false";
        await using (var first = await TestHost.StartAsync(options))
        {
            id = await Flow.RequestWeb1Async(first);
            var (response, body) = await first.ActionAsync(Flow.Approver, "approve", id);
            Assert.That(body.Ok, Is.True, body.Error);
            await Flow.WaitForStateAsync(first, id, AccessRequestState.Active);
            var session = await first.Http.PostAsJsonAsync("/console/api/sessions", new { user = Flow.Requester, requestId = id });
            Assert.That((int)session.StatusCode, Is.EqualTo(200), "a simulated session is live before the stop");
            var transcript = await first.TranscriptAsync();
            Assert.That(transcript.Conversations, Is.Empty, "nothing was delivered before the stop");
            Assert.That(smtp.Messages, Is.Empty);
        }

        var later = new FakeTimeProvider(start.AddMinutes(5));
        options.Time = later;
        options.Settings["Workers:DeliverNotifications"] = "true";
        await using var second = await TestHost.StartAsync(options);

        await second.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to web-1: Active") == 1, "the grant DM after the restart");
        await smtp.WaitForAsync(m => (m.Subject ?? "").Contains("Access to web-1: Active", StringComparison.Ordinal));
        await Flow.WaitUntilQuietAsync(second);
        var afterRestart = await second.TranscriptAsync();
        Assert.Multiple(() =>
        {
            Assert.That(afterRestart.Entries(Flow.ApproversChannel), Has.Count.EqualTo(1), "one approval card, updated in place");
            Assert.That(afterRestart.Entries(Flow.ApproversChannel).Single().Card.Field("Status"), Does.StartWith("active until"));
            Assert.That(Flow.Count(afterRestart, Flow.RequesterDm, "Access to web-1: Active"), Is.EqualTo(1));
            Assert.That(smtp.Messages.Count(m => (m.Subject ?? "").Contains("Access to web-1: Active", StringComparison.Ordinal)), Is.EqualTo(1));
        });

        later.Advance(TimeSpan.FromHours(2));

        await Flow.WaitForStateAsync(second, id, AccessRequestState.Expired);
        var expired = await second.WaitForTranscriptAsync(t => Flow.Count(t, Flow.RequesterDm, "Access to web-1 expired") == 1, "the expiry DM");
        Assert.That(expired.Entries(Flow.RequesterDm).Last().Card.Text, Does.Contain("1 live session was ended"), "the session from before the restart was ended");
        await smtp.WaitForAsync(m => (m.Subject ?? "").Contains("expired", StringComparison.Ordinal));
        await Flow.WaitUntilQuietAsync(second);
        Assert.That(smtp.Messages.Count(m => (m.Subject ?? "").Contains("expired", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(Flow.Count(await second.TranscriptAsync(), Flow.RequesterDm, "Access to web-1 expired"), Is.EqualTo(1));
    }
}
