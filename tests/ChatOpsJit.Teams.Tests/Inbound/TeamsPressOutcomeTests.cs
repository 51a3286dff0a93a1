using System.Text.Json.Nodes;
using ChatOpsJit.Teams.Inbound;

namespace ChatOpsJit.Teams.Tests.Inbound;

/// <summary>A press's outcome printed by accident (a log line, a debugger) never shows a credentials card.</summary>
public sealed class TeamsPressOutcomeTests
{
    [Test]
    public void A_sensitive_outcome_prints_without_its_card()
    {
        var card = new JsonObject { ["body"] = "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG" };

        var printed = new TeamsPressOutcome(card, "here are your credentials", Sensitive: true).ToString();

        Assert.That(printed, Does.Contain("redacted").And.Not.Contain("wJalrXUtnFEMI"));
    }
}
