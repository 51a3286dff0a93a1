using ChatOpsJit.Cli.Commands;

namespace ChatOpsJit.Cli.Tests;

/// <summary>The whole command line through its entry point: help everywhere, and one error line for every mistake.</summary>
public sealed class CommandLineTests
{
    private static readonly object[] Commands =
    [
        new object[] { "policy", "authorize" },
        new object[] { "policy", "validate" },
        new object[] { "policy", "explain" },
        new object[] { "requests", "list" },
        new object[] { "audit", "verify" },
        new object[] { "audit", "export" },
        new object[] { "audit", "rotate-key" },
        new object[] { "teams", "package" },
    ];

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ChatOpsJitCli.Run(args, TextReader.Null, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("help")]
    public void Asking_for_help_prints_the_overview_on_stdout_and_exits_zero(string help)
    {
        var (code, stdout, stderr) = Run(help);

        Assert.That(code, Is.Zero);
        Assert.That(stderr, Is.Empty);
        Assert.That(stdout, Does.StartWith("usage: chatopsjit <command> [options]"));
        Assert.That(stdout, Does.Contain("  policy validate DIR [--directory FILE]").And.Contain("  requests list ").And.Contain("  audit verify [--db FILE | --connection-string CS]"));
        Assert.That(stdout, Does.Contain("  audit export [--since TIME|DURATION] [--after SEQ]").And.Contain("  audit rotate-key [--db FILE"));
        Assert.That(stdout, Does.Contain("  teams package --app-id ID --out FILE [--domain HOST] [--force]"));
    }

    [Test]
    public void No_arguments_print_the_overview_on_stderr_and_exit_one()
    {
        var (code, stdout, stderr) = Run();

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.StartWith("usage: chatopsjit <command> [options]"));
    }

    [TestCaseSource(nameof(Commands))]
    public void Every_command_answers_help_on_stdout_with_exit_zero(string group, string command)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var (code, stdout, stderr) = Run(group, command, help);

            Assert.That(code, Is.Zero, stderr);
            Assert.That(stderr, Is.Empty);
            Assert.That(stdout, Does.StartWith($"usage: chatopsjit {group} {command}").And.Contain("  -h, --help"));
        }

        Assert.That(Run("help", group, command).Out, Is.EqualTo(Run(group, command, "--help").Out), "'help CMD' is 'CMD --help'");
    }

    [TestCaseSource(nameof(Commands))]
    public void Every_command_refuses_an_unknown_option_with_exit_one(string group, string command)
    {
        var (code, stdout, stderr) = Run(group, command, "--frob");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo($"error: unknown option '--frob' for '{group} {command}'; see 'chatopsjit {group} {command} --help'{Environment.NewLine}"));
    }

    [TestCase(new[] { "requests", "list", "--limit", "abc" }, "error: option '--limit' must be a whole number from 1 to 10000, not 'abc' (e.g. --limit 100); see 'chatopsjit requests list --help'")]
    [TestCase(new[] { "requests", "list", "--limit" }, "error: option '--limit' needs a value (e.g. --limit N); see 'chatopsjit requests list --help'")]
    [TestCase(new[] { "requests", "list", "--state", "open" }, "error: option '--state' must be one of pending, approved, active, expired, revoked, rejected, cancelled, timedout, denied, failed, not 'open'; see 'chatopsjit requests list --help'")]
    [TestCase(new[] { "requests", "list", "--db", "a", "--db", "b" }, "error: option '--db' given more than once; see 'chatopsjit requests list --help'")]
    [TestCase(new[] { "requests", "list", "--db", "a", "--connection-string", "b" }, "error: give --db or --connection-string, not both; see 'chatopsjit requests list --help'")]
    [TestCase(new[] { "requests", "list", "pending" }, "error: unexpected argument 'pending' for 'requests list'; see 'chatopsjit requests list --help'")]
    [TestCase(new[] { "policy", "explain", "--dir", "samples/policies" }, "error: missing required option '--directory FILE' for 'policy explain'; see 'chatopsjit policy explain --help'")]
    [TestCase(new[] { "policy", "authorize", "--policies", "p.cedar", "--batch", "-", "--principal", "User::\"a\"" }, "error: option '--principal' cannot be combined with '--batch' (each batch line carries its own request and entities); see 'chatopsjit policy authorize --help'")]
    [TestCase(new[] { "policy", "frob" }, "error: unknown command 'policy frob'; see 'chatopsjit policy --help'")]
    [TestCase(new[] { "requests", "delete" }, "error: unknown command 'requests delete'; see 'chatopsjit requests --help'")]
    [TestCase(new[] { "audit", "frob" }, "error: unknown command 'audit frob'; see 'chatopsjit audit --help'")]
    [TestCase(new[] { "teams", "manifest" }, "error: unknown command 'teams manifest'; see 'chatopsjit teams --help'")]
    [TestCase(new[] { "audit", "export", "--after", "abc" }, "error: option '--after' must be a sequence number (0 or more), not 'abc' (e.g. --after 41); see 'chatopsjit audit export --help'")]
    [TestCase(new[] { "audit", "export", "--since", "yesterday" }, "error: option '--since' must be an ISO-8601 time (2026-12-01T10:00:00Z) or a duration like 24h, 7d or 90m, not 'yesterday' (e.g. --since 24h); see 'chatopsjit audit export --help'")]
    [TestCase(new[] { "audit", "verify", "--requests=yes" }, "error: option '--requests' takes no value; see 'chatopsjit audit verify --help'")]
    [TestCase(new[] { "audit", "verify", "--db", "a", "--connection-string", "b" }, "error: give --db or --connection-string, not both; see 'chatopsjit audit verify --help'")]
    [TestCase(new[] { "frob" }, "error: unknown command 'frob'; see 'chatopsjit --help'")]
    [TestCase(new[] { "help", "frob" }, "error: unknown command 'frob'; see 'chatopsjit --help'")]
    public void Each_mistake_is_one_error_line_and_exit_one(string[] args, string expected)
    {
        var (code, stdout, stderr) = Run(args);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo(expected + Environment.NewLine));
    }

    [TestCase("policy", "authorize")]
    [TestCase("requests", "list")]
    [TestCase("audit", "verify")]
    [TestCase("audit", "rotate-key")]
    [TestCase("teams", "package")]
    public void A_group_lists_its_commands_on_stdout_for_help_and_on_stderr_when_given_nothing(string group, string command)
    {
        var help = Run(group, "--help");
        var nothing = Run(group);

        Assert.That((help.Code, nothing.Code), Is.EqualTo((0, 1)));
        Assert.That((help.Err, nothing.Out), Is.EqualTo(("", "")));
        Assert.That(help.Out, Does.Contain($"  {group} {command} "));
        Assert.That(help.Out.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal)), Has.All.StartWith($"  {group} "), "only the group's own commands");
        Assert.That(nothing.Err, Is.EqualTo(help.Out));
    }

    [Test]
    public void Batch_help_documents_the_input_and_output_line_formats()
    {
        var (_, stdout, _) = Run("policy", "authorize", "--help");

        Assert.That(stdout, Does.Contain("""{"principal": UID, "action": UID, "resource": UID, "context": {...}, "entities": [...]}"""));
        Assert.That(stdout, Does.Contain("""{"type": "User", "id": "alice"}""").And.Contain("__entity").And.Contain("""the string "User::\"alice\"" """.TrimEnd()));
        Assert.That(stdout, Does.Contain("""{"decision": "allow"|"deny", "reasons": """).And.Contain("""{"error": "line 3 is not valid JSON: unexpected 'x' at column 1"}"""));
        Assert.That(stdout, Does.Contain("exit status with --batch: 0 when every line was decided, 1 when any line was not."));
    }

    [Test]
    public void Requests_list_without_a_database_says_so_in_one_line()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".db");

        var (code, _, stderr) = Run("requests", "list", "--db", missing);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Is.EqualTo($"error: database file '{missing}' does not exist{Environment.NewLine}"));
    }
}
