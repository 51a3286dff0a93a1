using System.Text.Json.Nodes;
using ChatOpsJit.Cli.Commands;
using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Cli.Tests.Policy;

/// <summary>`policy authorize --batch`: one answer line per request line, in order; malformed lines answered, not fatal.</summary>
public sealed class PolicyAuthorizeBatchTests
{
    private static readonly CedarPolicySet Policies = CedarPolicySet.Parse("""
        permit (principal == User::"alice", action, resource);
        permit (principal, action, resource) when { principal.level > 3 };
        forbid (principal, action, resource) when { context has locked && context.locked };
        """);

    private const string Alice = """{"principal":{"type":"User","id":"alice"},"action":{"type":"Action","id":"view"},"resource":{"type":"Photo","id":"p1"},"context":{},"entities":[{"uid":{"type":"User","id":"alice"},"attrs":{},"parents":[]}]}""";
    private const string Bob = """{"principal":{"type":"User","id":"bob"},"action":{"type":"Action","id":"view"},"resource":{"type":"Photo","id":"p1"},"context":{"locked":true},"entities":[{"uid":{"type":"User","id":"bob"},"attrs":{"level":9},"parents":[]}]}""";

    [Test]
    public void AnswersEveryLineInOrder()
    {
        var answers = RawBatch(Alice, Bob);

        Assert.That(answers, Has.Length.EqualTo(2));
        Assert.That(answers[0], Is.EqualTo("""{"decision":"allow","reasons":["policy0"],"errors":[{"policy":"policy1","message":"`User::\"alice\"` does not have the attribute `level`","file":"policies.cedar","line":2,"column":45,"snippet":"principal.level"}]}"""));
        Assert.That(answers[1], Is.EqualTo("""{"decision":"deny","reasons":["policy2"],"errors":[]}"""));
    }

    [TestCase("not json")]
    [TestCase("[1, 2]")]
    [TestCase("""{"action":{"type":"Action","id":"view"},"resource":{"type":"Photo","id":"p1"}}""")]
    [TestCase("""{"principal":{"type":"User"},"action":{"type":"Action","id":"view"},"resource":{"type":"Photo","id":"p1"}}""")]
    [TestCase("""{"principal":"User::alice","action":{"type":"Action","id":"view"},"resource":{"type":"Photo","id":"p1"}}""")]
    [TestCase("""{"principal":{"type":"User","id":"a"},"action":{"type":"Action","id":"view"},"resource":{"type":"Photo","id":"p1"},"context":[1]}""")]
    [TestCase("""{"principal":{"type":"User","id":"a"},"action":{"type":"Action","id":"view"},"resource":{"type":"Photo","id":"p1"},"entities":{}}""")]
    [TestCase("""{"principal":{"type":"User","id":"a"},"action":{"type":"Action","id":"view"},"resource":{"type":"Photo","id":"p1"},"entities":[{"uid":7}]}""")]
    public void AMalformedLineGetsAnErrorAndTheBatchGoesOn(string malformed)
    {
        var output = new StringWriter();
        var summary = PolicyAuthorizeCommand.RunBatch(Policies, new StringReader(string.Join('\n', Alice, malformed, Bob)), output);

        var answers = Lines(output);
        Assert.That(summary, Is.EqualTo(new BatchSummary(Decided: 2, Malformed: 1)));
        Assert.That((string?)answers[0]["decision"], Is.EqualTo("allow"));
        Assert.That((string?)answers[1]["error"], Does.StartWith("line 2 is not "));
        Assert.That(answers[1].AsObject(), Has.Count.EqualTo(1));
        Assert.That((string?)answers[2]["decision"], Is.EqualTo("deny"));
    }

    [Test]
    public void ABatchOfSeveralParallelBlocksIsAnsweredInInputOrderWithEachProblemOnItsLine()
    {
        // 5,000 lines: more than two blocks, each decided in parallel; every seventh line is malformed.
        var lines = Enumerable.Range(1, 5000).Select(n => n % 7 == 0 ? "not json" : n % 2 == 0 ? Alice : Bob).ToArray();
        var output = new StringWriter();
        var problems = new StringWriter();

        var summary = PolicyAuthorizeCommand.RunBatch(Policies, new StringReader(string.Join('\n', lines)), output, problems);

        var answers = Lines(output);
        var malformed = lines.Count(l => l == "not json");
        Assert.That(summary, Is.EqualTo(new BatchSummary(Decided: 5000 - malformed, Malformed: malformed)));
        Assert.That(answers, Has.Count.EqualTo(5000));
        for (var n = 1; n <= 5000; n++)
        {
            var expected = n % 7 == 0 ? $"error line {n} " : n % 2 == 0 ? "allow" : "deny";
            var answer = answers[n - 1];
            var got = answer["error"] is { } error ? $"error {((string?)error)![..($"line {n} ".Length)]}" : (string?)answer["decision"];
            Assert.That(got, Is.EqualTo(expected), $"answer {n}");
        }
        Assert.That(problems.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.IndexOf(" is ", StringComparison.Ordinal)]),
            Is.EqualTo(Enumerable.Range(1, 5000).Where(n => n % 7 == 0).Select(n => $"error: line {n}")));
    }

    [Test]
    public void AcceptsTheOtherUidSpellingsAndMissingContextAndEntities()
    {
        var answers = RawBatch("""{"principal":"User::\"alice\"","action":{"__entity":{"type":"Action","id":"view"}},"resource":{"type":"Photo","id":"p1"}}""");

        Assert.That(answers[0], Is.EqualTo("""{"decision":"allow","reasons":["policy0"],"errors":[{"policy":"policy1","message":"entity `User::\"alice\"` does not exist","file":"policies.cedar","line":2,"column":45,"snippet":"principal.level"}]}"""));
    }

    [Test]
    public void SkipsBlankLines()
    {
        Assert.That(RunBatch("", Alice, "   ", Bob), Has.Count.EqualTo(2));
    }

    [Test]
    public void TheCommandReadsTheBatchFromStdinWithDash()
    {
        using var files = new TempFiles();
        var policies = files.Write("p.cedar", "permit (principal, action, resource);");
        var output = new StringWriter();
        var error = new StringWriter();

        var code = PolicyCommands.Run(["authorize", "--policies", policies, "--batch", "-"], new StringReader(Alice + "\n{oops\n"), output, error);

        Assert.That(code, Is.EqualTo(1), "a malformed line makes the exit status non-zero");
        var answers = Lines(output);
        Assert.That((string?)answers[0]["decision"], Is.EqualTo("allow"));
        Assert.That((string?)answers[1]["error"], Is.EqualTo("line 2 is not valid JSON: expected a property name in double quotes at column 2, not 'o'"));
        Assert.That(error.ToString(), Is.EqualTo("error: line 2 is not valid JSON: expected a property name in double quotes at column 2, not 'o'" + Environment.NewLine));
    }

    [Test]
    public void TheCommandReadsTheBatchFromAFile()
    {
        using var files = new TempFiles();
        var policies = files.Write("p.cedar", "forbid (principal, action, resource);");
        var batch = files.Write("b.jsonl", Alice + "\n" + Bob + "\n");
        var output = new StringWriter();

        var code = PolicyCommands.Run(["authorize", "--policies", policies, "--batch", batch], TextReader.Null, output, new StringWriter());

        Assert.That(code, Is.EqualTo(0));
        Assert.That(Lines(output).Select(a => (string?)a["decision"]), Is.EqualTo(new[] { "deny", "deny" }));
    }

    [Test]
    public void AMalformedLineIsAnsweredInPlaceAndReportedOnStderrWithItsLineNumberAndTheExitStatusIsOne()
    {
        using var files = new TempFiles();
        var policies = files.Write("p.cedar", "permit (principal, action, resource);");
        var batch = files.Write("b.jsonl", string.Join('\n', Alice, "", "x", Bob, """{"action":{"type":"Action","id":"view"}}""") + "\n");
        var output = new StringWriter();
        var error = new StringWriter();

        var code = PolicyCommands.Run(["authorize", "--policies", policies, "--batch", batch], TextReader.Null, output, error);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            """{"decision":"allow","reasons":["policy0"],"errors":[]}""",
            """{"error":"line 3 is not valid JSON: unexpected 'x' at column 1"}""",
            """{"decision":"allow","reasons":["policy0"],"errors":[]}""",
            """{"error":"line 5 is not a valid request: missing \"principal\""}""",
        }), "one answer per request line, in order");
        Assert.That(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "error: line 3 is not valid JSON: unexpected 'x' at column 1",
            "error: line 5 is not a valid request: missing \"principal\"",
        }));
    }

    [Test]
    public void AnErrorNamesThePolicyFileLineAndColumnOfTheFailingExpression()
    {
        using var files = new TempFiles();
        var policies = files.Write("rules.cedar", """
            permit (principal, action, resource)
            when {
              principal.level > 3
            };
            """);
        var output = new StringWriter();

        var code = PolicyCommands.Run(["authorize", "--policies", policies, "--batch", "-"], new StringReader(Alice), output, new StringWriter());

        Assert.That(code, Is.EqualTo(0));
        var error = Lines(output)[0]["errors"]![0]!;
        Assert.That(((string?)error["policy"], (string?)error["file"], (int?)error["line"], (int?)error["column"], (string?)error["snippet"]),
            Is.EqualTo(("policy0", policies, 3, 3, "principal.level")));
    }

    // The exact text written, so the wire format (and its escaping) is what gets asserted.
    private static string[] RawBatch(params string[] lines)
    {
        var output = new StringWriter();
        PolicyAuthorizeCommand.RunBatch(Policies, new StringReader(string.Join('\n', lines)), output);
        return output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }

    private static List<JsonNode> RunBatch(params string[] lines)
    {
        var output = new StringWriter();
        PolicyAuthorizeCommand.RunBatch(Policies, new StringReader(string.Join('\n', lines)), output);
        return Lines(output);
    }

    private static List<JsonNode> Lines(StringWriter output) =>
        [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];
}
