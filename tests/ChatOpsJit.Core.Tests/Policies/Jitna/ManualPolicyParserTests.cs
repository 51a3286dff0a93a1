using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;

namespace ChatOpsJit.Core.Tests.Policies.Jitna;

/// <summary>The <c>extension:</c> field and the line of each level, read by <see cref="ManualPolicyParser"/>.</summary>
public sealed class ManualPolicyParserTests
{
    private static (ManualPolicy? Policy, List<PolicyProblem> Problems) Parse(string yaml)
    {
        var problems = new List<PolicyProblem>();
        return (ManualPolicyParser.Parse(yaml, "manual/p.yaml", problems), problems);
    }

    private static string WithExtension(string value) => $"""
        name: p
        targets: all
        levels:
          - approvers: [sre-leads]
        extension: {value}
        """;

    [TestCase("approve", ExtensionRule.Approve)]
    [TestCase("auto", ExtensionRule.Auto)]
    [TestCase("never", ExtensionRule.Never)]
    [TestCase("Never", ExtensionRule.Never)]
    [TestCase("AUTO", ExtensionRule.Auto)]
    public void Extension_is_read_case_insensitively(string value, ExtensionRule expected)
    {
        var (policy, problems) = Parse(WithExtension(value));

        Assert.That(problems, Is.Empty);
        Assert.That(policy!.Extension, Is.EqualTo(expected));
    }

    [Test]
    public void Without_extension_the_approvers_approve_again()
    {
        var (policy, _) = Parse("name: p\ntargets: all\nlevels:\n  - approvers: [sre-leads]\n");

        Assert.That(policy!.Extension, Is.EqualTo(ExtensionRule.Approve));
    }

    [TestCase("sometimes")]
    [TestCase("1")]
    [TestCase("[auto]")]
    public void Any_other_extension_is_a_located_problem_listing_the_three_values(string value)
    {
        var (policy, problems) = Parse(WithExtension(value));

        Assert.That(policy, Is.Null);
        Assert.That(problems.Select(p => (p.Line, p.Column)), Is.EqualTo(new[] { (5, 12) }));
        Assert.That(problems.Single().Message, Does.StartWith("'extension' must be approve, auto or never, not '"));
    }

    [Test]
    public void Each_level_carries_its_one_based_line()
    {
        var (policy, problems) = Parse("""
            # three levels
            name: p
            targets: all
            levels:
              - approvers: [sre-leads]
                required: 1

              - approvers: [security]
              - required: 1
                approvers: [cto@example.com]
            """);

        Assert.That(problems, Is.Empty);
        Assert.That(policy!.LevelLines, Is.EqualTo(new[] { 5, 8, 9 }));
    }

    private static string WithTeamsChannel(string value) => $"""
        name: p
        targets: all
        levels:
          - approvers: [sre-leads]
        channels:
          teams: {value}
        """;

    [TestCase("\"19:platform-approvals@thread.tacv2\"")]
    [TestCase("19:abc123def@thread.skype")]
    public void A_teams_channel_is_its_conversation_id(string value)
    {
        var (policy, problems) = Parse(WithTeamsChannel(value));

        Assert.That(problems, Is.Empty);
        Assert.That(policy!.Channels[ChatOpsJit.Core.Chat.PlatformName.Teams], Does.StartWith("19:"));
    }

    [TestCase("General")]
    [TestCase("\"#platform-approvals\"")]
    [TestCase("\"19:has space@thread.tacv2\"")]
    [TestCase("19:missing-thread-suffix")]
    [TestCase("19:groupchat@thread.v2")]
    public void A_teams_channel_by_name_is_a_located_problem_with_an_example(string value)
    {
        var (policy, problems) = Parse(WithTeamsChannel(value));

        Assert.That(policy, Is.Null);
        Assert.That(problems.Select(p => (p.Line, p.Column)), Is.EqualTo(new[] { (6, 10) }));
        Assert.That(problems.Single().Message, Does.StartWith("a Teams channel is its conversation id, e.g. 'teams: \"19:abc123@thread.tacv2\"'"));
    }
}
