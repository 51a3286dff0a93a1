using System.Text.Json;
using ChatOpsJit.Core.Policies.Cedar;
using static ChatOpsJit.Core.Tests.Cedar.CedarTestSupport;

namespace ChatOpsJit.Core.Tests.Cedar;

/// <summary>Evaluation errors name the policy, the file, and the line and column of the sub-expression that failed.</summary>
public class CedarEvaluationErrorTests
{
    private const string File = "rules/access.cedar";

    private static readonly CedarValue Context = CedarValue.FromJson(JsonDocument.Parse("""{"n": 5, "s": "hello", "rec": {"a": 1}}""").RootElement);

    // The expression under test starts on line 5, column 20, inside the second policy.
    private static string Policies(string expr) => $$"""
        // access rules
        permit (principal == User::"bob", action, resource);
        permit (principal, action, resource)
        when {
          context.n > 0 && {{expr}}
        };
        """;

    [TestCase("context.rec.b == 1", "5:20", "record does not have the attribute `b`", "context.rec.b")]
    [TestCase("principal.nope", "5:20", "`User::\"alice\"` does not have the attribute `nope`", "principal.nope")]
    [TestCase("1 + context.rec.b > 0", "5:24", "record does not have the attribute `b`", "context.rec.b")]
    [TestCase("User::\"ghost\".age > 1", "5:20", "entity `User::\"ghost\"` does not exist", "User::\"ghost\".age")]
    [TestCase("principal.getTag(\"nope\") == \"x\"", "5:20", "`User::\"alice\"` does not have the tag `nope`", "principal.getTag(\"nope\")")]
    [TestCase("1 < context.n + \"s\"", "5:24", "type error: expected long, got string", "context.n + \"s\"")]
    [TestCase("context.n * 9223372036854775807 > 0", "5:20", "integer overflow while attempting to multiply the values `5` and `9223372036854775807`", "context.n * 9223372036854775807")]
    [TestCase("9223372036854775807 + context.n > 0", "5:20", "integer overflow while attempting to add the values `9223372036854775807` and `5`", "9223372036854775807 + context.n")]
    [TestCase("-(-9223372036854775807 - 1) < 0", "5:20", "integer overflow while attempting to negate the value `-9223372036854775808`", "-(-9223372036854775807 - 1)")]
    [TestCase("true && context.n in Group::\"admins\"", "5:28", "type error: expected (entity of type `any_entity_type`), got long", "context.n in Group::\"admins\"")]
    [TestCase("principal in [Group::\"staff\", context.n]", "5:20", "type error: expected (entity of type `any_entity_type`), got long", "principal in [Group::\"staff\", context.n]")]
    [TestCase("context.s is User", "5:20", "type error: expected (entity of type `any_entity_type`), got string", "context.s is User")]
    [TestCase("context.n.contains(1)", "5:20", "type error: expected set, got long", "context.n.contains(1)")]
    [TestCase("(context.s || true)", "5:21", "type error: expected bool, got string", "context.s || true")]
    [TestCase("(if context.n then true else false)", "5:21", "type error: expected bool, got long", "if context.n then true else false")]
    [TestCase("(context.rec).b == 1", "5:20", "record does not have the attribute `b`", "(context.rec).b")]
    [TestCase("context.n * (9223372036854775807) > 0", "5:20", "integer overflow while attempting to multiply the values `5` and `9223372036854775807`", "context.n * (9223372036854775807)")]
    [TestCase("context.n like \"5\"", "5:20", "type error: expected string, got long", "context.n like \"5\"")]
    public void An_error_names_the_policy_file_line_and_column_of_the_failing_expression(string expr, string at, string message, string snippet)
    {
        var error = SingleError(Policies(expr));

        Assert.That(error.ToString(), Is.EqualTo($"{File}:{at}: error while evaluating policy `policy1`: {message}"));
        Assert.That((error.PolicyId, error.Message, $"{error.Line}:{error.Column}", error.Snippet), Is.EqualTo(("policy1", message, at, snippet)));
    }

    [Test]
    public void A_condition_that_is_not_a_bool_is_reported_at_the_condition_body()
    {
        var error = SingleError("""
            permit (principal, action, resource)
            when { true }
            unless {
                context.s
            };
            """);

        Assert.That(error.ToString(), Is.EqualTo($"{File}:4:5: error while evaluating policy `policy0`: type error: expected bool, got string"));
        Assert.That(error.Snippet, Is.EqualTo("context.s"));
    }

    [Test]
    public void The_span_covers_the_failing_expression_in_the_source_text()
    {
        var text = Policies("context.rec.b == 1");
        var error = SingleError(text);

        Assert.That(text.Substring(error.Span.Start, error.Span.End - error.Span.Start), Is.EqualTo("context.rec.b"));
        Assert.That(error.File, Is.EqualTo(File));
        Assert.That(error.Policy.Line, Is.EqualTo(3));
    }

    [Test]
    public void Combined_sets_report_the_file_each_policy_came_from()
    {
        var deny = CedarPolicySet.Parse("forbid (principal, action, resource)\n  when { principal.clearance > 3 };", "deny.cedar", new CedarParseOptions { IdPrefix = "deny#" });
        var auto = CedarPolicySet.Parse("\n\npermit (principal, action, resource) when { context.rec.b };", "auto-approval.cedar", new CedarParseOptions { IdPrefix = "auto#" });
        var response = new CedarAuthorizer(CedarPolicySet.Combine(deny, auto)).IsAuthorized(new CedarRequest(Alice, View, Doc1, Context), Entities);

        Assert.That(response.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "deny.cedar:2:10: error while evaluating policy `deny#0`: `User::\"alice\"` does not have the attribute `clearance`",
            "auto-approval.cedar:3:45: error while evaluating policy `auto#0`: record does not have the attribute `b`",
        }));
    }

    [Test]
    public void A_set_parsed_without_a_file_name_reports_the_default_one()
    {
        var response = Run("permit (principal, action, resource) when { principal.nope };");

        Assert.That(response.Errors.Single().ToString(), Does.StartWith("policies.cedar:1:45: "));
    }

    [Test]
    public void The_reusable_result_carries_the_location_and_forgets_it_on_the_next_call()
    {
        var authorizer = new CedarAuthorizer(CedarPolicySet.Parse(Policies("context.rec.b == 1"), File));
        var result = new AuthorizationResult();

        authorizer.Authorize(new CedarRequest(Alice, View, Doc1, Context), Entities, result);
        var error = result.Errors.Single();
        Assert.That((error.Policy.Id, error.Line, error.Column), Is.EqualTo(("policy1", 5, 20)));

        authorizer.Authorize(new CedarRequest(Bob, View, Doc1, CedarValue.Record([new("n", CedarValue.Of(0))])), Entities, result);
        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Decision, Is.EqualTo(CedarDecision.Allow));
    }

    private static CedarEvaluationError SingleError(string policies)
    {
        var response = new CedarAuthorizer(CedarPolicySet.Parse(policies, File)).IsAuthorized(new CedarRequest(Alice, View, Doc1, Context), Entities);
        Assert.That(response.Errors, Has.Count.EqualTo(1));
        return response.Errors[0];
    }
}
