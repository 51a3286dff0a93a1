using System.Diagnostics;
using System.Text;
using ChatOpsJit.Core.Policies.Cedar;
using static ChatOpsJit.Core.Tests.Cedar.CedarTestSupport;

namespace ChatOpsJit.Core.Tests.Cedar;

public class CedarAuthorizerTests
{
    [Test]
    public void No_policies_means_deny_without_determining_policies()
    {
        var r = Run("");
        Assert.That((r.Decision, r.DeterminingPolicies.Count, r.Errors.Count), Is.EqualTo((CedarDecision.Deny, 0, 0)));
    }

    [Test]
    public void Satisfied_permits_allow_and_are_the_determining_policies()
    {
        var r = Run("permit(principal, action, resource); permit(principal == User::\"bob\", action, resource); permit(principal in Group::\"staff\", action, resource);");
        Assert.That(r.Decision, Is.EqualTo(CedarDecision.Allow));
        Assert.That(r.DeterminingPolicies, Is.EqualTo(new[] { "policy0", "policy2" }));
    }

    [Test]
    public void A_satisfied_forbid_wins_and_only_forbids_determine()
    {
        var r = Run("permit(principal, action, resource); forbid(principal is User, action, resource); forbid(principal, action == Action::\"edit\", resource);");
        Assert.That(r.Decision, Is.EqualTo(CedarDecision.Deny));
        Assert.That(r.DeterminingPolicies, Is.EqualTo(new[] { "policy1" }));
    }

    [Test]
    public void Erroring_policies_do_not_apply_and_are_reported_whatever_the_decision()
    {
        var r = Run("forbid(principal, action, resource) when { principal.nope }; permit(principal, action, resource); permit(principal, action, resource) when { 1 };");
        Assert.That(r.Decision, Is.EqualTo(CedarDecision.Allow));
        Assert.That(r.DeterminingPolicies, Is.EqualTo(new[] { "policy1" }));
        Assert.That(r.Errors.Select(e => (e.PolicyId, e.Message, e.Line, e.Column)), Is.EqualTo(new[]
        {
            ("policy0", "`User::\"alice\"` does not have the attribute `nope`", 1, 44),
            ("policy2", "type error: expected bool, got long", 1, 142),
        }));
    }

    [TestCase("action == Action::\"view\"", true)]
    [TestCase("action == Action::\"edit\"", false)]
    [TestCase("action in Action::\"read\"", true)]
    [TestCase("action in [Action::\"edit\", Action::\"read\"]", true)]
    [TestCase("action in []", false)]
    public void Action_scope_uses_the_action_hierarchy_from_the_entities(string actionScope, bool allowed)
    {
        var r = Run($"permit(principal, {actionScope}, resource);");
        Assert.That(r.Decision, Is.EqualTo(allowed ? CedarDecision.Allow : CedarDecision.Deny));
    }

    [TestCase("principal == User::\"alice\"", true)]
    [TestCase("principal == User::\"bob\"", false)]
    [TestCase("principal in Group::\"staff\"", true)]
    [TestCase("principal in User::\"alice\"", true)]
    [TestCase("principal is User", true)]
    [TestCase("principal is Group", false)]
    [TestCase("principal is User in Group::\"admins\"", true)]
    [TestCase("principal is Group in Group::\"admins\"", false)]
    public void Principal_scope_matches_like_the_reference(string principalScope, bool allowed)
    {
        var r = Run($"permit({principalScope}, action, resource is Doc);");
        Assert.That(r.Decision, Is.EqualTo(allowed ? CedarDecision.Allow : CedarDecision.Deny));
    }

    [Test]
    public void Index_only_finds_policies_whose_scope_can_match_but_decides_the_same()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 1000; i++) sb.Append($"permit(principal in Group::\"g{i}\", action, resource);\n");
        sb.Append("permit(principal in Group::\"staff\", action == Action::\"view\", resource) when { principal.age > 18 };\n");
        var authorizer = new CedarAuthorizer(CedarPolicySet.Parse(sb.ToString()));
        var result = new AuthorizationResult();
        Assert.That(authorizer.Authorize(new CedarRequest(Alice, View, Doc1), Entities, result), Is.EqualTo(CedarDecision.Allow));
        Assert.That(result.Determining.Select(p => p.Id), Is.EqualTo(new[] { "policy1000" }));
        Assert.That(authorizer.Authorize(new CedarRequest(Bob, View, Doc1), Entities, result), Is.EqualTo(CedarDecision.Deny));
        Assert.That(result.Determining, Is.Empty);
    }

    [Test]
    public void Authorize_reuses_the_result_and_allocates_nothing_per_decision()
    {
        var policies = """
            permit(principal in Group::"staff", action in [Action::"read"], resource is Doc) when { principal.age >= 18 && context.n < 10 && resource.owner == principal };
            forbid(principal, action, resource) when { context has blocked && context.blocked };
            permit(principal == User::"bob", action, resource) unless { context.s like "h*" };
            permit(principal, action == Action::"view", resource) when { [1, 2, 3].contains(context.n) || principal.tags.containsAny(["a"]) };
            """;
        var authorizer = new CedarAuthorizer(CedarPolicySet.Parse(policies));
        var ctx = CedarValue.Record([new("n", CedarValue.Of(5)), new("s", CedarValue.Of("hello"))]);
        var request = new CedarRequest(Alice, View, Doc1, ctx);
        var result = new AuthorizationResult();
        for (var i = 0; i < 100; i++) authorizer.Authorize(request, Entities, result);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) authorizer.Authorize(request, Entities, result);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(result.Decision, Is.EqualTo(CedarDecision.Allow));
        Assert.That(result.Determining.Select(p => p.Id), Is.EqualTo(new[] { "policy0", "policy3" }));
        Assert.That(allocated, Is.Zero);
    }

    // How fast is for bench/run.sh, which times the load of 1,001 statements against cedar-wasm on the same machine;
    // a timed assertion here only measured how busy the CI machine was.
    [Test]
    public void A_thousand_statements_parse_and_compile_into_one_set_that_decides_by_any_of_them()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 1001; i++)
        {
            sb.Append($"@id(\"p{i}\") permit(principal in Group::\"g{i % 50}\", action in [Action::\"a{i % 7}\", Action::\"view\"], resource is Doc) when {{ principal.age > {i} && context.n != {i} }} unless {{ resource.owner == User::\"u{i}\" }};\n");
        }

        var authorizer = new CedarAuthorizer(CedarPolicySet.Parse(sb.ToString()));
        var entities = CedarEntities.FromJson("""
            [{"uid": {"type": "User", "id": "alice"}, "attrs": {"age": 1000}, "parents": [{"type": "Group", "id": "g0"}]},
             {"uid": {"type": "Doc", "id": "d"}, "attrs": {"owner": {"__entity": {"type": "User", "id": "bob"}}}, "parents": []}]
            """);
        var request = new CedarRequest(new EntityUid("User", "alice"), new EntityUid("Action", "view"), new EntityUid("Doc", "d"),
            CedarValue.FromJson(System.Text.Json.JsonDocument.Parse("""{"n": 0}""").RootElement));

        var response = authorizer.IsAuthorized(request, entities);

        Assert.That(authorizer.PolicySet.Policies, Has.Count.EqualTo(1001));
        // Group g0 holds p0, p50, …, p950; age 1000 beats every i there, and context.n != i fails only for p0.
        Assert.That(response.Decision, Is.EqualTo(CedarDecision.Allow));
        Assert.That(response.DeterminingPolicies, Is.EquivalentTo(Enumerable.Range(1, 19).Select(k => $"policy{k * 50}")), "named by position, as the Cedar reference names them");
    }
}
