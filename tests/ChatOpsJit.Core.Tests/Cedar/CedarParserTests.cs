using ChatOpsJit.Core.Policies.Cedar;
using static ChatOpsJit.Core.Tests.Cedar.CedarTestSupport;

namespace ChatOpsJit.Core.Tests.Cedar;

public class CedarParserTests
{
    [Test]
    public void Parses_scope_forms_into_policy_metadata()
    {
        var set = CedarPolicySet.Parse("""
            // comment
            @id("p1") @owner("ops")
            permit(principal is User in Group::"admins", action in [Action::"view", Action::"edit"], resource is Doc);
            forbid(principal == User::"bob", action == Action::"view", resource in Doc::"d1",) when { true } unless { false };
            permit(principal in Group::"staff", action in Action::"read", resource == A::B::"x");
            """);
        var p = set.Policies;
        Assert.That(p, Has.Count.EqualTo(3));
        Assert.That(p[0].Annotations["owner"], Is.EqualTo("ops"));
        Assert.That(p[0].AnnotatedId, Is.EqualTo("p1"));
        Assert.That(p[0].Principal, Is.EqualTo(new CedarScope(CedarScopeKind.IsIn, new EntityUid("Group", "admins"), "User")));
        Assert.That(p[0].PrincipalIsType, Is.EqualTo("User"));
        Assert.That(p[0].ActionIn, Is.EqualTo(new[] { View, Edit }));
        Assert.That(p[0].ResourceIsType, Is.EqualTo("Doc"));
        Assert.That(p[0].Line, Is.EqualTo(2));
        Assert.That(p[0].Column, Is.EqualTo(1));
        Assert.That(p[1].Effect, Is.EqualTo(CedarEffect.Forbid));
        Assert.That(p[1].ActionEquals, Is.EqualTo(View));
        Assert.That(p[1].Resource.Kind, Is.EqualTo(CedarScopeKind.In));
        Assert.That(p[1].Conditions.Select(c => c.IsWhen), Is.EqualTo(new[] { true, false }));
        Assert.That(p[2].Resource.Entity, Is.EqualTo(new EntityUid("A::B", "x")));
    }

    [Test]
    public void Ids_are_positional_like_the_reference_even_with_an_id_annotation()
    {
        var set = CedarPolicySet.Parse("""permit(principal, action, resource); @id("x") permit(principal, action, resource); permit(principal, action, resource);""");
        Assert.That(set.Policies.Select(p => p.Id), Is.EqualTo(new[] { "policy0", "policy1", "policy2" }));
    }

    [Test]
    public void Id_annotations_are_used_when_asked()
    {
        var set = CedarPolicySet.Parse("""@id("x") permit(principal, action, resource); permit(principal, action, resource);""", "a.cedar", new CedarParseOptions { UseIdAnnotations = true });
        Assert.That(set.Policies.Select(p => p.Id), Is.EqualTo(new[] { "x", "policy1" }));
    }

    [Test]
    public void Combine_rejects_clashing_ids_and_accepts_prefixed_ones()
    {
        var a = CedarPolicySet.Parse("permit(principal, action, resource);");
        var b = CedarPolicySet.Parse("forbid(principal, action, resource);");
        var ex = Assert.Throws<CedarParseException>(() => CedarPolicySet.Combine(a, b));
        Assert.That(ex!.Diagnostics[0].Message, Is.EqualTo("duplicate policy id `policy0`"));
        var c = CedarPolicySet.Parse("forbid(principal, action, resource);", "b.cedar", new CedarParseOptions { IdPrefix = "b" });
        Assert.That(CedarPolicySet.Combine(a, c).Policies.Select(p => p.Id), Is.EqualTo(new[] { "policy0", "b0" }));
    }

    [Test]
    public void Empty_text_and_comments_parse_to_an_empty_set()
    {
        Assert.That(CedarPolicySet.Parse("// nothing\n").Policies, Is.Empty);
    }

    [TestCase("permit(principal, action, resource) when { ip(\"1.2.3.4\").isIpv4() };", "ip(", "extension function `ip` is not supported")]
    [TestCase("permit(principal, action, resource)\n  when { decimal(\"1.0\") };", "decimal(", "extension function `decimal` is not supported")]
    [TestCase("permit(principal, action, resource) when { context.x.lessThan(1) };", "lessThan", "extension method `lessThan` is not supported")]
    [TestCase("permit(principal, action, resource) when { foo(1) };", "foo(", "`foo` is not a valid function")]
    [TestCase("permit(principal, action, resource) when { [1].bar() };", "[1].bar", "`bar` is not a valid method")]
    [TestCase("permit(principal, action, resource) when { contains([1], 1) };", "contains(", "`contains` is a method, not a function")]
    [TestCase("permit(principal, action, resource) when { [1].isEmpty(1) };", "[1].isEmpty", "call to `isEmpty` requires exactly 0 arguments, but got 1 argument")]
    [TestCase("permit(principal, action, resource) when { 1 < 2 < 3 };", "1 < 2", "multiple relational operators (>, ==, in, etc.) must be used with parentheses to make ordering explicit")]
    [TestCase("permit(principal, action, resource) when { !!!!!true };", "!!!!!", "too many occurrences of `!`")]
    [TestCase("permit(principal, action, resource) when { 9223372036854775808 == 1 };", "9223372036854775808", "integer literal `9223372036854775808` is too large")]
    [TestCase("permit(principal, action, resource) when { -(9223372036854775808) < 0 };", "9223372036854775808", "integer literal `9223372036854775808` is too large")]
    [TestCase("permit(principal, action, resource) when { 1 / 2 == 0 };", "1 / 2", "division is not supported")]
    [TestCase("permit(principal, action, resource) when { 1 % 2 == 0 };", "1 % 2", "remainder/modulo is not supported")]
    [TestCase("permit(principal, action, resource) when { 1 = 1 };", "1 = 1", "'=' is not a valid operator in cedar")]
    [TestCase("permit(principal, action, resource) when { context.if };", "if }", "this identifier is reserved and cannot be used: if")]
    [TestCase("permit(principal, action, resource) when { context has then };", "then", "this identifier is reserved and cannot be used: then")]
    [TestCase("permit(principal, action, resource) when { in::\"a\" == principal };", "in::", "this identifier is reserved and cannot be used: in")]
    [TestCase("permit(principal, action, resource) when { __cedar::\"a\" == principal };", "__cedar", "the name `__cedar` contains `__cedar`, which is reserved")]
    [TestCase("permit(principal, action, resource) when { x };", "x }", "invalid variable: x")]
    [TestCase("permit(principal, action, resource) when { \"\\*\" == \"*\" };", "\"\\*\"", "the input `\\*` is not a valid escape")]
    [TestCase("permit(principal, action, resource) when { context has a[\"b\"] };", "a[\"b\"]", "invalid RHS of a `has` operation: a[\"b\"]")]
    [TestCase("permit(principal, action, resource) when { \"a\" like \"a\" + \"b\" };", "\"a\" + \"b\"", "right hand side of a `like` expression must be a pattern literal, but got `\"a\" + \"b\"`")]
    [TestCase("permit(principal, action, resource) when { principal is User::\"a\" };", "User::\"a\"", "right hand side of an `is` expression must be an entity type name, but got `User::\"a\"`")]
    [TestCase("permit(principal, action, resource) when { {a: 1, a: 2} == {} };", "{a: 1, a: 2}", "duplicate key `a` in record literal")]
    [TestCase("permit(principal, action, resource) when { {1: 2} == {} };", "1: 2", "invalid attribute name: 1")]
    [TestCase("permit(principal, action, resource) when { context[1] };", "1]", "invalid string literal: 1")]
    [TestCase("permit(principal, action, resource) when { (1)(2) };", "(1)(2)", "function calls must be of the form `<name>(arg1, arg2, ...)`")]
    [TestCase("permit(principal, action, resource) when { (1) / 2 == 0 };", "(1) / 2", "division is not supported")]
    [TestCase("permit(principal, action, resource) when { (context).contains() };", "(context).contains", "call to `contains` requires exactly 1 argument, but got 0 arguments")]
    [TestCase("permit(principal, action, resource) when { ?principal == principal };", "?principal", "templates are not supported: found template slot `?principal`")]
    [TestCase("permit(principal, action, resource) when { };", "when {", "`when` condition clause cannot be empty")]
    [TestCase("permit(principal, action, resource) if { true };", "if {", "invalid policy condition: if")]
    [TestCase("allow(principal, action, resource);", "allow", "invalid policy effect: allow")]
    [TestCase("permit(action, principal, resource);", "action, principal", "found the variable `action` where the variable `principal` must be used")]
    [TestCase("permit(principal, action);", ");", "this policy is missing the `resource` variable in the scope")]
    [TestCase("permit(principal, action, resource, context);", "context)", "this policy has an extra element in the scope: context")]
    [TestCase("permit(principal: User, action, resource);", ": User", "type constraints using `:` are not supported")]
    [TestCase("permit(principal in [User::\"a\"], action, resource);", "[User::\"a\"]", "expected single entity uid or template slot, found set of entity uids")]
    [TestCase("permit(principal < User::\"a\", action, resource);", "principal <", "invalid operator in the policy scope: <")]
    [TestCase("permit(principal is User == User::\"a\", action, resource);", "principal is", "`is` cannot be used together with `==`")]
    [TestCase("permit(principal, action is Action, resource);", "action is", "`is` cannot appear in the action scope")]
    [TestCase("permit(principal, action == User::\"view\", resource);", "User::\"view\"", "expected an entity uid with type `Action` but got `User::\"view\"`")]
    [TestCase("permit(principal, action == [Action::\"view\"], resource);", "[Action::\"view\"]", "expected single entity uid, found set of entity uids")]
    [TestCase("permit(principal in User::\"a\" || true, action, resource);", "User::\"a\" ||", "expected an entity uid or matching template slot, found a `||` expression")]
    [TestCase("@id(\"a\") @id(\"b\") permit(principal, action, resource);", "@id(\"b\")", "duplicate annotation: @id")]
    [TestCase("permit(principal, action, resource) when { true }", "}^", "unexpected end of input, expected `;` or identifier")]
    [TestCase("permit(principal, action, resource);;", ";^;", "unexpected token `;`, expected `permit` or `forbid`")]
    [TestCase("permit(principal, action, resource) when { (1 + ) };", "+ ^)", "unexpected token `)`, expected an expression")]
    [TestCase("permit(principal, action, resource) when { context has a == 1 };", "== 1", "unexpected token `==`, expected `&&`, `||` or the end of the expression")]
    [TestCase("permit(principal, action, resource) when { !-1 };", "-1", "unexpected token `-`, expected an expression")]
    [TestCase("permit(principal, action, resource) when { 1 + if true then 1 else 2 == 2 };", "if true", "this identifier is reserved and cannot be used: if")]
    [TestCase("permit(principal, action, resource) when { \"abc };", "\"abc", "unterminated string literal")]
    [TestCase("permit(principal, action, resource) when { 1 # 2 };", "#", "invalid token `#`")]
    public void Reports_errors_at_their_position(string text, string at, string message)
    {
        // `at` is the source snippet where the error starts; a `^` inside it marks the exact character.
        var caret = Math.Max(0, at.IndexOf('^'));
        var offset = text.IndexOf(at.Replace("^", ""), StringComparison.Ordinal) + caret;
        Assert.That(offset, Is.GreaterThanOrEqualTo(caret), "snippet not found in text");
        var line = 1 + text[..offset].Count(ch => ch == '\n');
        var column = offset - (text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1) + 1;
        if (text[..offset].IndexOf('\n') < 0) column = offset + 1;
        var d = FirstError(text);
        Assert.That((d.Line, d.Column, d.Message), Is.EqualTo((line, column, message)));
        Assert.That(d.File, Is.EqualTo("p.cedar"));
    }

    [Test]
    public void Diagnostics_format_as_file_line_column_message_with_help()
    {
        var d = FirstError("permit(principal, action, resource)\n when { ip(\"1.1.1.1\") };");
        Assert.That(d.ToString(), Is.EqualTo("p.cedar:2:9: extension function `ip` is not supported"));
        Assert.That(d.Help, Is.Not.Null.And.Contains("extension types"));
    }

    [Test]
    public void Reports_an_error_for_every_broken_policy_and_rejects_the_whole_set()
    {
        var text = "permit(principal, action, resource) when { 1 / 2 };\npermit(principal, action, resource);\nforbid(principal, action, resource) when { foo() };";
        var ex = Assert.Throws<CedarParseException>(() => CedarPolicySet.Parse(text, "set.cedar"));
        Assert.That(ex!.Diagnostics.Select(d => (d.Line, d.Message)), Is.EqualTo(new[] { (1, "division is not supported"), (3, "`foo` is not a valid function") }));
    }

    [Test]
    public void Syntax_nodes_carry_source_spans()
    {
        var set = CedarPolicySet.Parse("permit(principal, action, resource)\nwhen {\n  principal.age > 1 };");
        var body = (BinaryExpr)set.Policies[0].Conditions[0].Body;
        Assert.That((body.Span.Line, body.Span.Column), Is.EqualTo((3, 3)));
        Assert.That((body.Right.Span.Line, body.Right.Span.Column), Is.EqualTo((3, 19)));
    }

    [Test]
    public void Has_with_a_path_desugars_into_a_conjunction()
    {
        var set = CedarPolicySet.Parse("permit(principal, action, resource) when { context has a.b };");
        var body = set.Policies[0].Conditions[0].Body;
        Assert.That(body, Is.TypeOf<BinaryExpr>().With.Property("Op").EqualTo(CedarBinaryOp.And));
    }

    [Test]
    public void Entity_uid_prints_with_escapes()
    {
        Assert.That(new EntityUid("User", "a\"b\\c\n").ToString(), Is.EqualTo("User::\"a\\\"b\\\\c\\n\""));
    }
}
