using ChatOpsJit.Core.Nodes;

namespace ChatOpsJit.Core.Tests.Nodes;

/// <summary>What a node picker's search text finds: id, Name, a tag's value, or Key=value.</summary>
public sealed class NodeSearchTests
{
    private static readonly Node Web = new("i-0abc123", "web-1", "111111111111", "eu-west-1", "Linux",
        new Dictionary<string, string> { ["Name"] = "web-1", ["Environment"] = "production", ["Team"] = "payments" });

    [TestCase("i-0ab")]
    [TestCase("WEB")]
    [TestCase("product")]
    [TestCase("environment=prod")]
    [TestCase(" Team = pay ")]
    [TestCase("")]
    public void Finds(string text) => Assert.That(NodeRules.MatchesSearch(Web, text), Is.True);

    [TestCase("db")]
    [TestCase("Environment=staging")]
    [TestCase("Owner=payments")]
    [TestCase("=production")]
    public void Does_not_find(string text) => Assert.That(NodeRules.MatchesSearch(Web, text), Is.False);
}
