namespace ChatOpsJit.Core.Tests.Cedar.Differential;

/// <summary>
/// Hand-picked policy texts at the edges of Cedar's grammar, valid and invalid. The random generator only writes valid
/// policies; these check that ChatOpsJit rejects exactly what the reference rejects (and decides the rest the same way).
/// Extension functions (ip, decimal, datetime, duration) are left out: ChatOpsJit does not support them by design and
/// rejects them at parse time, while the reference accepts them.
/// </summary>
internal static class ParserEdgeCases
{
    public static readonly IReadOnlyList<string> Conditions =
    [
        // valid
        "!!!!true", "--5 == 5", "-9223372036854775808 < 0", "- 9223372036854775808 < 0", "-(-9223372036854775808) < 0",
        "principal.isEmpty", "principal.permit == 1", "principal has principal", "{\"in\": 1}[\"in\"] == 1", "{\"if\": true}[\"if\"]",
        "principal has \"in\"", "[[1],[2]].contains([1])", "[1,1,2] == [2,1]", "\"a*b\" like \"a\\*b\"", "\"\\u{1F600}\" like \"*\"",
        "principal is User in [User::\"alice\"]", "(1 < 2) == true", "if true then 1 else \"a\" == 1", "context has \"a b\"",
        "principal has a.b.c", "User::\"a\\\"b\" != User::\"a\"", "AWS::EC2::Instance::\"i\" is AWS::EC2::Instance",
        "[].isEmpty() && {}.isEmpty == 1", "1 + 2 * 3 - -4 == 11", "[principal, action, resource].containsAll([action])",
        // invalid
        "!!!!!true", "!-1", "1 < 2 < 3", "1 == 2 == 3", "principal.if", "principal has in", "{if: 1}.if == 1", "{a: 1, a: 2}.a == 1",
        "\"a\\*b\" == \"a\"", "\"\\q\" == \"q\"", "9223372036854775808 > 0", "principal[\"a\"](1)", "principal.foo()", "User::\"a\".isEmpty(1, 2)",
        "principal has __cedar", "principal has a.\"b\"", "1 +", "(true", "[1, 2", "principal is 5", "principal like \"a\" like \"b\"",
        "principal in User", "principal is User::\"a\"", "if true then false", "true && || false",
        "principal.", "principal has 5", "\"unterminated", "'single' == 'quotes'",
    ];

    public static readonly IReadOnlyList<string> PolicySets =
    [
        "@id(\"x\") @id(\"y\") permit (principal, action, resource);",
        "permit (principal, action == User::\"a\", resource);",
        "permit (principal, action in [Action::\"a\", User::\"b\"], resource);",
        "permit (principal in [User::\"a\"], action, resource);",
        "permit (principal == ?principal, action, resource);",
        "permit (principal, action, resource) when { true }",
        "permit (principal, resource, action);",
        "permit (principal, action, resource) when { true } unless { false } when { 1 < 2 };",
        "forbid (principal is User, action, resource is Photo in Album::\"a\");",
        "permit (action, principal, resource);",
        "permit (principal, action, resource, context);",
        "allow (principal, action, resource);",
        "@reviewed @advice(\"x\") permit (principal, action, resource);",
        "permit (principal, action, resource);; permit (principal, action, resource);",
        "",
        "// only a comment",
    ];

    /// <summary>Every edge case as a differential case over a tiny fixed entity graph.</summary>
    public static IEnumerable<DiffCase> Cases()
    {
        var rng = new Random(7);
        var scenario = DiffScenario.Create(rng);
        var texts = Conditions.Select(c => $"permit (principal, action, resource) when {{ {c} }};").Concat(PolicySets);
        return texts.Select((text, i) => new DiffCase(i, text, scenario));
    }
}
