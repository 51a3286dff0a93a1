using System.Diagnostics.Metrics;

namespace ChatOpsJit.Slack;

/// <summary>Slack's part of the <c>ChatOpsJit</c> OpenTelemetry meter: requests by endpoint and outcome, and acks that could not carry the answer.</summary>
public sealed class SlackMetrics
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _deferred;

    public SlackMetrics(IMeterFactory meters)
    {
        // The host's meter: one name, so operators subscribe once.
        var meter = meters.Create("ChatOpsJit");
        _requests = meter.CreateCounter<long>("chatopsjit.slack.requests", description: "Requests from Slack, by endpoint and outcome");
        _deferred = meter.CreateCounter<long>("chatopsjit.slack.answers.deferred", description: "Commands acked before their answer, which followed by response_url");
    }

    /// <param name="outcome"><c>accepted</c>, <c>bad_signature</c>, <c>too_large</c> or <c>bad_request</c>.</param>
    public void Request(string endpoint, string outcome) => _requests.Add(1, new("endpoint", endpoint), new("outcome", outcome));

    public void AnswerDeferred() => _deferred.Add(1);
}
