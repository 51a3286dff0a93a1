using System.Diagnostics.Metrics;

namespace ChatOpsJit.Teams;

/// <summary>Teams' part of the <c>ChatOpsJit</c> OpenTelemetry meter: activities by type and outcome.</summary>
public sealed class TeamsMetrics
{
    private readonly Counter<long> _activities;

    public TeamsMetrics(IMeterFactory meters)
    {
        // The host's meter: one name, so operators subscribe once.
        var meter = meters.Create("ChatOpsJit");
        _activities = meter.CreateCounter<long>("chatopsjit.teams.activities", description: "Activities from Teams, by type and outcome");
    }

    /// <param name="type">The activity's type, or <c>unread</c> when it was refused before its body was read.</param>
    /// <param name="outcome"><c>accepted</c>, <c>bad_token</c>, <c>refused</c> (the activity does not match its token) or <c>bad_request</c>.</param>
    public void Activity(string type, string outcome) => _activities.Add(1, new("type", type), new("outcome", outcome));
}
