using ChatOpsJit.Cli.Commands;

namespace ChatOpsJit.Cli.Tests.Policy;

/// <summary>`chatopsjit policy authorize` with flags: output like `cedar authorize`, exit 0 allow / 2 deny / 1 bad input.</summary>
public sealed class PolicyAuthorizeCommandTests
{
    private const string Policies = """
        @id("view-own")
        permit (principal in Group::"devs", action == Action::"view", resource)
        when { resource.owner == principal };

        forbid (principal, action, resource) when { context has locked && context.locked };

        permit (principal, action == Action::"view", resource) when { principal.level > 3 };
        """;

    private const string Entities = """
        [
          {"uid": {"type": "User", "id": "alice"}, "attrs": {}, "parents": [{"type": "Group", "id": "devs"}]},
          {"uid": {"type": "Photo", "id": "p1"}, "attrs": {"owner": {"__entity": {"type": "User", "id": "alice"}}}, "parents": []}
        ]
        """;

    private TempFiles files = null!;

    [SetUp]
    public void SetUp() => files = new TempFiles();

    [TearDown]
    public void TearDown() => files.Dispose();

    [Test]
    public void AllowPrintsTheDecisionThePoliciesAndTheErrorsAndExitsZero()
    {
        var (code, stdout, stderr) = Authorize();

        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Is.EqualTo($"""
            ALLOW

            note: this decision was due to the following policies:
              policy0

            {files.Dir}{Path.DirectorySeparatorChar}policies.cedar:7:63: error while evaluating policy `policy2`: `User::"alice"` does not have the attribute `level`
              | principal.level

            """.ReplaceLineEndings()));
        Assert.That(stderr, Is.Empty);
    }

    [Test]
    public void AnEvaluationErrorIsLocatedLikeAParseErrorAndQuotesTheFirstLineOfTheExpression()
    {
        var (code, stdout, _) = Authorize(
            policies: """
                permit (principal, action, resource)
                when {
                  context.n > 0 &&
                  (if context.flag
                     then true else false)
                };
                """,
            context: """{"n": 1, "flag": 3}""");

        Assert.That(code, Is.EqualTo(2));
        var lines = stdout.Split(Environment.NewLine);
        var at = Array.FindIndex(lines, l => l.Contains("error while evaluating", StringComparison.Ordinal));
        Assert.That(lines[at], Is.EqualTo(
            $"{Path.Combine(files.Dir, "policies.cedar")}:4:4: error while evaluating policy `policy0`: type error: expected bool, got long"));
        Assert.That(lines[at + 1], Is.EqualTo("  | if context.flag ..."));
    }

    [Test]
    public void DenyExitsTwo()
    {
        var (code, stdout, _) = Authorize(context: """{"locked": true}""");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stdout, Does.StartWith("DENY"));
        Assert.That(stdout, Does.Contain("note: this decision was due to the following policies:" + Environment.NewLine + "  policy1"));
    }

    [Test]
    public void DenyWithNoApplicablePolicySaysSo()
    {
        var (code, stdout, _) = Authorize(action: "Action::\"edit\"");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stdout, Does.Contain("note: no policies applied to this request"));
    }

    [Test]
    public void APolicySyntaxErrorIsOneLineWithFileLineAndColumn()
    {
        var (code, stdout, stderr) = Authorize(policies: "permit (principal, action, resource)\nwhen { principal.level > };");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        var lines = stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(lines[0], Does.Match(@"^error: .*policies\.cedar:2:\d+: "));
    }

    [TestCase("principal", "alice", "--principal: 'alice' is not an entity UID")]
    [TestCase("action", "Action::view", "--action: ")]
    public void ABadUidIsBadInput(string flag, string value, string expected)
    {
        var (code, _, stderr) = flag == "principal" ? Authorize(principal: value) : Authorize(action: value);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("error: " + expected));
    }

    [Test]
    public void MalformedEntitiesAreBadInput()
    {
        var (code, _, stderr) = Authorize(entities: """[{"uid": 5}]""");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("error: ").And.Contain("entities.json"));
    }

    [Test]
    public void AContextThatIsNotAnObjectIsBadInput()
    {
        var (code, _, stderr) = Authorize(context: "[1, 2]");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("the context must be a JSON object"));
    }

    [Test]
    public void AMissingFileIsBadInput()
    {
        var (code, _, stderr) = Run(["authorize", "--policies", Path.Combine(files.Dir, "nope.cedar"), "--batch", "-"], "");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Is.EqualTo($"error: file '{Path.Combine(files.Dir, "nope.cedar")}' does not exist{Environment.NewLine}"));
    }

    [Test]
    public void BadFlagsAreBadInput()
    {
        var (code, _, stderr) = Run(["authorize", "--policies", "p.cedar", "--frobnicate", "1"], "");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr.Trim(), Is.EqualTo("error: unknown option '--frobnicate' for 'policy authorize'; see 'chatopsjit policy authorize --help'"));
    }

    private (int Code, string Stdout, string Stderr) Authorize(
        string policies = Policies, string entities = Entities, string principal = "User::\"alice\"",
        string action = "Action::\"view\"", string resource = "Photo::\"p1\"", string? context = null)
    {
        var args = new List<string>
        {
            "authorize", "--policies", files.Write("policies.cedar", policies), "--entities", files.Write("entities.json", entities),
            "--principal", principal, "--action", action, "--resource", resource,
        };
        if (context is not null)
        {
            args.AddRange(["--context", files.Write("context.json", context)]);
        }
        return Run([.. args], "");
    }

    private static (int Code, string Stdout, string Stderr) Run(string[] args, string stdin)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = PolicyCommands.Run(args, new StringReader(stdin), output, error);
        return (code, output.ToString(), error.ToString());
    }
}
