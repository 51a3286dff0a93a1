using ChatOpsJit.Core.Policies.Cedar;
using static ChatOpsJit.Core.Tests.Cedar.CedarTestSupport;

namespace ChatOpsJit.Core.Tests.Cedar;

public class CedarExpressionTests
{
    [TestCase("true", "allow")]
    [TestCase("false", "deny")]
    [TestCase("1 + 2 == 3", "allow")]
    [TestCase("5 - 7 == -2", "allow")]
    [TestCase("3 * -4 == -12", "allow")]
    [TestCase("--1 == 1", "allow")]
    [TestCase("----1 == 1", "allow")]
    [TestCase("!!!!true", "allow")]
    [TestCase("!false", "allow")]
    [TestCase("-(1) == -1", "allow")]
    [TestCase("-9223372036854775808 < 0", "allow")]
    [TestCase("- 9223372036854775808 < 0", "allow")]
    [TestCase("1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3", "allow")]
    [TestCase("1 != 2", "allow")]
    [TestCase("1 == \"1\"", "deny")]
    [TestCase("User::\"alice\" == User::\"alice\"", "allow")]
    [TestCase("A::B::\"x\" != A::\"x\"", "allow")]
    [TestCase("[1, 2] == [2, 1, 1]", "allow")]
    [TestCase("{a: 1, \"b\": 2} == {b: 2, a: 1}", "allow")]
    [TestCase("{a: [1, {b: 2}]} == {a: [{b: 2}, 1]}", "allow")]
    [TestCase("if context.n > 3 then true else false", "allow")]
    [TestCase("(if false then 1 else 2) == 2", "allow")]
    [TestCase("context.s like \"h*o\"", "allow")]
    [TestCase("\"a*b\" like \"a\\*b\"", "allow")]
    [TestCase("\"axb\" like \"a\\*b\"", "deny")]
    [TestCase("\"\" like \"*\"", "allow")]
    [TestCase("\"a\" like \"a\\u{2a}\"", "allow")]
    [TestCase("\"\\u{41}\\0\\'\\\"\\n\\x41\" == \"A\\u{0}'\\\"\\u{a}A\"", "allow")]
    [TestCase("context has n", "allow")]
    [TestCase("context has \"s\"", "allow")]
    [TestCase("context has missing", "deny")]
    [TestCase("context has rec.a", "allow")]
    [TestCase("context has rec.b", "deny")]
    [TestCase("{a: {b: {c: 1}}} has a.b.c && !({a: {b: {}}} has a.b.c)", "allow")]
    [TestCase("context.rec.a == 1 && context[\"rec\"][\"a\"] == 1", "allow")]
    [TestCase("context.set.contains(2)", "allow")]
    [TestCase("context.set.containsAll([1, 3])", "allow")]
    [TestCase("context.set.containsAny([7, 3])", "allow")]
    [TestCase("[].isEmpty() && !context.set.isEmpty()", "allow")]
    [TestCase("principal in Group::\"staff\"", "allow")]
    [TestCase("principal in principal", "allow")]
    [TestCase("principal in [Group::\"x\", Group::\"admins\"]", "allow")]
    [TestCase("principal in []", "deny")]
    [TestCase("User::\"ghost\" in User::\"ghost\"", "allow")]
    [TestCase("User::\"ghost\" in Group::\"staff\"", "deny")]
    [TestCase("action in Action::\"read\"", "allow")]
    [TestCase("principal is User", "allow")]
    [TestCase("principal is Group", "deny")]
    [TestCase("principal is User in Group::\"admins\"", "allow")]
    [TestCase("principal is Group in 1", "deny")]
    [TestCase("principal.age == 30 && principal.manager == User::\"bob\"", "allow")]
    [TestCase("principal has age && !(principal has height)", "allow")]
    [TestCase("principal has address.city", "allow")]
    [TestCase("User::\"ghost\" has age", "deny")]
    [TestCase("principal.hasTag(\"team\") && principal.getTag(\"team\") == \"blue\"", "allow")]
    [TestCase("User::\"ghost\".hasTag(\"team\")", "deny")]
    [TestCase("resource.owner == principal", "allow")]
    [TestCase("false && 1", "deny")]
    [TestCase("true || 1", "allow")]
    public void Evaluates_like_the_reference(string expr, string expected) => Assert.That(Outcome(When(expr)), Is.EqualTo(expected));

    [TestCase("1", "error: type error: expected bool, got long")]
    [TestCase("true && 1", "error: type error: expected bool, got long")]
    [TestCase("false || \"x\"", "error: type error: expected bool, got string")]
    [TestCase("!1", "error: type error: expected bool, got long")]
    [TestCase("-\"a\" == 1", "error: type error: expected long, got string")]
    [TestCase("if 1 then true else false", "error: type error: expected bool, got long")]
    [TestCase("9223372036854775807 + 1 == 0", "error: integer overflow while attempting to add the values `9223372036854775807` and `1`")]
    [TestCase("-9223372036854775807 - 2 == 0", "error: integer overflow while attempting to subtract the values `-9223372036854775807` and `2`")]
    [TestCase("9223372036854775807 * 2 == 0", "error: integer overflow while attempting to multiply the values `9223372036854775807` and `2`")]
    [TestCase("--9223372036854775808 < 0", "error: integer overflow while attempting to negate the value `-9223372036854775808`")]
    [TestCase("1 < \"a\"", "error: type error: expected long, got string")]
    [TestCase("\"a\" < \"b\"", "error: type error: expected one of [long, datetime, duration], got string")]
    [TestCase("\"a\" + 1 == 1", "error: type error: expected long, got string")]
    [TestCase("context.missing", "error: record does not have the attribute `missing`")]
    [TestCase("principal.height == 1", "error: `User::\"alice\"` does not have the attribute `height`")]
    [TestCase("User::\"ghost\".age == 1", "error: entity `User::\"ghost\"` does not exist")]
    [TestCase("context.n.x == 1", "error: type error: expected one of [record, (entity of type `any_entity_type`)], got long")]
    [TestCase("context.n has x", "error: type error: expected one of [record, (entity of type `any_entity_type`)], got long")]
    [TestCase("1 in [1]", "error: type error: expected (entity of type `any_entity_type`), got long")]
    [TestCase("principal in 1", "error: type error: expected one of [set, (entity of type `any_entity_type`)], got long")]
    [TestCase("principal in [principal, 1]", "error: type error: expected (entity of type `any_entity_type`), got long")]
    [TestCase("1 is User", "error: type error: expected (entity of type `any_entity_type`), got long")]
    [TestCase("1 like \"a\"", "error: type error: expected string, got long")]
    [TestCase("context.n.contains(1)", "error: type error: expected set, got long")]
    [TestCase("context.set.containsAll(1)", "error: type error: expected set, got long")]
    [TestCase("principal.getTag(\"nope\") == 1", "error: `User::\"alice\"` does not have the tag `nope`")]
    [TestCase("User::\"ghost\".getTag(\"t\") == 1", "error: entity `User::\"ghost\"` does not exist")]
    [TestCase("principal.hasTag(1)", "error: type error: expected string, got long")]
    [TestCase("context.hasTag(\"t\")", "error: type error: expected (entity of type `any_entity_type`), got record")]
    [TestCase("principal", "error: type error: expected bool, got (entity of type `User`)")]
    public void Reports_the_reference_error(string expr, string expected) => Assert.That(Outcome(When(expr)), Is.EqualTo(expected));

    [Test]
    public void Unless_negates_and_conditions_apply_in_order()
    {
        Assert.That(Outcome(Run("permit(principal, action, resource) unless { false } when { true };")), Is.EqualTo("allow"));
        Assert.That(Outcome(Run("permit(principal, action, resource) when { false } when { 1 };")), Is.EqualTo("deny"));
        Assert.That(Outcome(Run("permit(principal, action, resource) when { true } unless { 1 };")), Is.EqualTo("error: type error: expected bool, got long"));
    }

    [Test]
    public void Context_entity_references_are_entities_but_type_id_objects_are_records()
    {
        var ctx = CedarValue.FromJson(System.Text.Json.JsonDocument.Parse("""{"e": {"__entity": {"type": "User", "id": "alice"}}, "r": {"type": "User", "id": "alice"}}""").RootElement);
        var set = "permit(principal, action, resource) when { context.e == principal && context.r != principal };";
        Assert.That(Run(set, context: ctx).Decision, Is.EqualTo(CedarDecision.Allow));
    }
}
