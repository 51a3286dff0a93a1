using System.Net;
using ChatOpsJit.Core.Telemetry;
using ChatOpsJit.Testing.Otlp;
using ChatOpsJit.Testing.Slack;
using static ChatOpsJit.Core.Requests.AccessRequestState;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios.Telemetry;

/// <summary>
/// The host exporting over OTLP/HTTP (protobuf) to a real receiver on loopback while a request goes through Slack to
/// approval: the spans of each step arrive, tied to the request, and nothing secret is among the exported bytes.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class OtlpTraceTests
{
    private const string Requester = Flow.Requester;
    private const string Approver = Flow.Approver;

    [Test]
    public async Task A_slack_approval_exports_the_transition_delivery_and_outgoing_http_spans_with_the_request_id()
    {
        await using var otlp = await OtlpReceiver.StartAsync();
        await using var world = await SlackWorld.StartAsync(o => Infrastructure.Telemetry.ExportTo(o, otlp));
        var id = await ApproveWeb1Async(world);

        var spans = await otlp.WaitForSpansAsync(s => s.Any(x => x.Name == "transition grant.issued" && x[ChatOpsJitTracing.RequestId] == id), "the grant's transition");
        var mine = spans.Where(s => s[ChatOpsJitTracing.RequestId] == id).ToList();

        var submitted = Single(mine, "transition request.submitted");
        Assert.That((submitted[ChatOpsJitTracing.FromState], submitted[ChatOpsJitTracing.ToState], submitted[ChatOpsJitTracing.Outcome]),
            Is.EqualTo(("none", nameof(Pending), "committed")));
        var inbound = spans.Single(s => s.SpanId == submitted.ParentSpanId);
        Assert.That((inbound.Kind, inbound["url.path"], inbound["http.response.status_code"]), Is.EqualTo((OtlpSpan.Server, "/slack/commands", "200")),
            "the submission is committed inside the traced /slack/commands request");
        var approved = Single(mine, "transition request.approved");
        Assert.That((approved[ChatOpsJitTracing.FromState], approved[ChatOpsJitTracing.ToState]), Is.EqualTo((nameof(Pending), nameof(Approved))));

        var grantJob = Single(mine, "job Grant");
        var issued = Single(mine, "transition grant.issued");
        Assert.That((issued.ParentSpanId, issued.TraceId), Is.EqualTo((grantJob.SpanId, grantJob.TraceId)), "the grant is committed inside its job's span");
        Assert.That((grantJob[ChatOpsJitTracing.Outcome], issued[ChatOpsJitTracing.ToState]), Is.EqualTo(("done", nameof(Active))));

        var cardDelivery = Single(mine.Where(s => s[ChatOpsJitTracing.Platform] == "slack").ToList(), "deliver ChannelCard");
        Assert.That((cardDelivery[ChatOpsJitTracing.Platform], cardDelivery[ChatOpsJitTracing.Attempt], cardDelivery[ChatOpsJitTracing.Outcome]),
            Is.EqualTo(("slack", "1", "delivered")));
        var post = mine.Where(s => s.ParentSpanId == cardDelivery.SpanId && s.Kind == OtlpSpan.Client).ToList();
        Assert.That(post.Select(s => s["url.full"]), Does.Contain(world.Slack.ApiBaseUrl + "chat.postMessage"),
            "the card's chat.postMessage call is a client span under its delivery, carrying the request id");
        Assert.That(post.Select(s => s.Scope), Is.All.EqualTo("System.Net.Http"));
        Assert.That(mine.Where(s => s.Name.StartsWith("deliver DirectMessage", StringComparison.Ordinal)), Is.Not.Empty, "the DMs' deliveries too");

        Assert.That(spans.Select(s => s.Resource.GetValueOrDefault("service.name")).Distinct(), Is.EqualTo(new[] { Infrastructure.Telemetry.ServiceName }),
            "OTEL_SERVICE_NAME names the service");
        Assert.That(otlp.Refused, Is.Empty);
    }

    [Test]
    public async Task Metrics_are_exported_over_otlp_alongside_the_traces()
    {
        await using var otlp = await OtlpReceiver.StartAsync();
        await using var world = await SlackWorld.StartAsync(o => Infrastructure.Telemetry.ExportTo(o, otlp));
        await ApproveWeb1Async(world);

        var metrics = otlp.Metrics;
        Assert.That(metrics, Does.Contain(("ChatOpsJit", "chatopsjit.notifications.delivered")).And.Contain(("ChatOpsJit", "chatopsjit.jobs.run")));
        Assert.That(metrics.Select(m => m.Name), Does.Contain("http.server.request.duration"), "ASP.NET Core's request metrics, for 401 rates per route");
    }

    [Test]
    public async Task No_exported_byte_holds_the_signing_secret_the_bot_token_the_slack_request_body_a_response_url_or_a_query()
    {
        await using var otlp = await OtlpReceiver.StartAsync();
        await using var world = await SlackWorld.StartAsync(o => Infrastructure.Telemetry.ExportTo(o, otlp));
        var responseUrl = world.Slack.NewResponseUrl(SlackWorld.CommandChannel);
        var triggerId = world.Slack.NewTriggerId();
        var fields = SlackPayloads.SlashCommand(world.UserId(Requester), "web-1 disk full on /var", responseUrl, triggerId, SlackWorld.CommandChannel);
        var body = SlackRequestSigner.FormBody(fields);
        using var command = SlackRequestSigner.SignedForm(world.Host.BaseUrl + "/slack/commands?probe=query-value-7f3a", SlackWorld.SigningSecret, fields, world.Now);
        var signature = command.Headers.GetValues(SlackRequestSigner.SignatureHeader).Single();
        using var ack = await world.Host.Http.SendAsync(command);
        Assert.That(ack.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var id = Flow.RequestIdIn(await ack.Content.ReadAsStringAsync());
        var card = await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card");
        await world.ClickAsync(Approver, card, "approve");
        await Flow.WaitForStateAsync(world.Host, id, Active);
        var answered = await world.Slack.WaitForResponseAsync(p => p.Accepted, "the click's answer through its response_url");
        await Flow.WaitUntilQuietAsync(world.Host);
        Infrastructure.Telemetry.Flush(world.Host);

        var spans = await otlp.WaitForSpansAsync(s => s.Any(x => x.Name == "transition grant.issued"), "the grant's transition");
        Assert.That(spans.Where(s => s.Kind == OtlpSpan.Client).Select(s => s["url.full"]), Does.Contain(world.Slack.BaseUrl.TrimEnd('/')),
            "the response_url post is traced with its origin only");
        var exported = otlp.AllBytes();
        Assert.That(exported, Does.Contain(id), "the search covers the exported spans");
        foreach (var (what, secret) in new[]
                 {
                     ("the signing secret", SlackWorld.SigningSecret), ("the bot token", world.Slack.Options.BotToken), ("the request body", body),
                     ("the request's signature", signature), ("its response_url", responseUrl), ("the clicked response_url", answered.UrlId),
                     ("its trigger_id", triggerId), ("its legacy token", SlackPayloads.LegacyToken), ("the query's value", "query-value-7f3a"),
                     ("the query's name", "probe="),
                 })
        {
            Assert.That(exported, Does.Not.Contain(secret), $"{what} is not exported");
        }
    }

    private static async Task<string> ApproveWeb1Async(SlackWorld world)
    {
        var (response, body) = await world.CommandAsync(Requester, "web-1 disk full on /var");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var id = Flow.RequestIdIn((string?)body!["text"]);
        var card = await world.WaitForMessageAsync(SlackWorld.PlatformChannel, m => m.Text!.Contains(id), "the approval card");
        await world.ClickAsync(Approver, card, "approve");
        await Flow.WaitForStateAsync(world.Host, id, Active);
        await world.WaitForDirectAsync(Requester, m => m.Text!.Contains("Active"), "the grant DM");
        await Flow.WaitUntilQuietAsync(world.Host);
        Infrastructure.Telemetry.Flush(world.Host);
        return id;
    }

    private static OtlpSpan Single(IReadOnlyList<OtlpSpan> spans, string name)
    {
        var named = spans.Where(s => s.Name == name).ToList();
        Assert.That(named, Has.Count.EqualTo(1), $"one '{name}' span; the request's spans: {string.Join(" | ", spans)}");
        return named[0];
    }
}
