using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Tests.Policies.Jitna;

public sealed class ManualPolicySelectionTests
{
    private static ManualPolicy Policy(string name, params (string Key, string Value)[] tags) => new(
        name, $"manual/{name}.yaml",
        tags.Length == 0 ? ManualPolicyTargets.All : new ManualPolicyTargets(false, tags.Select(t => new NodeTag(t.Key, t.Value)).ToList()),
        [new ApprovalLevel(["lead@example.com"], 1)], TimeSpan.FromHours(1), TimeSpan.FromHours(1), new Dictionary<ChatOpsJit.Core.Chat.PlatformName, string>());

    private static Node Node(params (string Key, string Value)[] tags) =>
        new("i-0abc", "web-1", "111122223333", "eu-west-1", "Linux", tags.ToDictionary(t => t.Key, t => t.Value));

    [Test]
    public void Tag_targeted_policy_beats_the_all_nodes_policy()
    {
        var everyone = Policy("everything");
        var prod = Policy("prod", ("Env", "prod"));

        var decision = ManualPolicySelection.Select([everyone, prod], Node(("Env", "prod")));

        Assert.That(decision, Is.TypeOf<PolicyDecision.NeedsApproval>());
        Assert.That(((PolicyDecision.NeedsApproval)decision).Policy, Is.SameAs(prod));
        Assert.That(decision.Explanation, Does.Contain("has the tag Env=prod"));
    }

    [Test]
    public void All_nodes_policy_applies_when_no_tag_targeted_policy_matches()
    {
        var everyone = Policy("everything");
        var prod = Policy("prod", ("Env", "prod"));

        var decision = ManualPolicySelection.Select([prod, everyone], Node(("Env", "dev")));

        Assert.That(decision, Is.TypeOf<PolicyDecision.NeedsApproval>());
        Assert.That(((PolicyDecision.NeedsApproval)decision).Policy, Is.SameAs(everyone));
    }

    [Test]
    public void Two_tag_targeted_policies_matching_one_node_through_different_tags_fail_naming_both()
    {
        var prod = Policy("prod", ("Env", "prod"));
        var web = Policy("web", ("Role", "web"));

        var decision = ManualPolicySelection.Select([prod, web, Policy("everything")], Node(("Env", "prod"), ("Role", "web")));

        Assert.That(decision, Is.TypeOf<PolicyDecision.Failed>());
        Assert.That(((PolicyDecision.Failed)decision).ConflictingPolicies, Is.EqualTo(new[] { "prod", "web" }));
        Assert.That(decision.Explanation, Does.Contain("'prod' and 'web'"));
        Assert.That(decision.Explanation, Does.Contain("Env=prod, Role=web"));
    }

    [Test]
    public void No_policy_applying_to_the_node_denies_with_that_reason()
    {
        var decision = ManualPolicySelection.Select([Policy("prod", ("Env", "prod"))], Node(("Env", "dev")));

        Assert.That(decision, Is.TypeOf<PolicyDecision.Denied>());
        Assert.That(decision.Explanation, Is.EqualTo("No manual policy applies to web-1 (i-0abc): none targets its tags and there is no all-nodes policy."));
    }

    [Test]
    public void No_policies_at_all_deny_every_request()
    {
        var decision = ManualPolicySelection.Select([], Node(("Env", "prod")));

        Assert.That(decision, Is.TypeOf<PolicyDecision.Denied>());
        Assert.That(decision.Explanation, Is.EqualTo("No access policies are defined, so every request is denied."));
    }

    [TestCase("env", "prod")]
    [TestCase("Env", "Prod")]
    [TestCase("ENV", "PROD")]
    public void Tag_keys_and_values_match_case_sensitively(string key, string value)
    {
        var decision = ManualPolicySelection.Select([Policy("prod", ("Env", "prod"))], Node((key, value)));

        Assert.That(decision, Is.TypeOf<PolicyDecision.Denied>());
    }

    [Test]
    public void Policy_targeting_several_tags_matches_a_node_with_any_one_of_them()
    {
        var decision = ManualPolicySelection.Select([Policy("prod", ("Env", "prod"), ("Env", "production"))], Node(("Env", "production")));

        Assert.That(decision, Is.TypeOf<PolicyDecision.NeedsApproval>());
    }
}
