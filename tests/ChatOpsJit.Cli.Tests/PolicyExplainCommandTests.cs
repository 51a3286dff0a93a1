using ChatOpsJit.Cli.Commands;

namespace ChatOpsJit.Cli.Tests;

/// <summary>`chatopsjit policy explain` on the samples: an outcome line and the explanation, or exit 1 with a one-line error.</summary>
public sealed class PolicyExplainCommandTests
{
    private static readonly string Samples = Path.Combine(PolicyValidateCommandTests.RepoRoot(), "samples");
    private static readonly string Policies = Path.Combine(Samples, "policies");
    private static readonly string DirectoryYaml = Path.Combine(Samples, "directory.yaml");
    private static readonly string NodesYaml = Path.Combine(Samples, "nodes.yaml");

    private static (int Code, string[] Out, string Err) Explain(string user, string node, string? dir = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = PolicyExplainCommand.Run(
            ["--dir", dir ?? Policies, "--directory", DirectoryYaml, "--nodes", NodesYaml, "--user", user, "--node", node], output, error);
        return (code, output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), error.ToString());
    }

    [TestCase("i-0dev0000000000001")]
    [TestCase("dev-box-1")]
    public void Platform_engineer_on_own_cost_centre_dev_box_is_auto_approved_by_platform_dev_self_service(string node)
    {
        var (code, stdout, stderr) = Explain("dev@example.com", node);

        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Is.EqualTo(new[]
        {
            "AUTO-APPROVED for 1h by platform-dev-self-service",
            "Auto-approval statement 'platform-dev-self-service' (auto-approval.cedar line 4) matched and no deny-access statement forbids it, " +
            "so access is granted at once for 1h.",
        }));
        Assert.That(stderr, Is.Empty);
    }

    [Test]
    public void Restricted_payments_db_needs_approval_naming_the_deny_statement()
    {
        var (code, stdout, stderr) = Explain("dev@example.com", "i-0db00000000000001");

        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Is.EqualTo(new[]
        {
            "NEEDS APPROVAL under manual policy 'restricted-data'",
            "Deny-access statement 'restricted-data-needs-people' (deny.cedar line 5) matched, so this request cannot be approved automatically. " +
            "Manual policy 'restricted-data' applies because payments-db-1 (i-0db00000000000001) has the tag DataClass=restricted; " +
            "a tag-targeted policy takes precedence over the all-nodes policy. It needs level 1: 1 of sre-leads, then level 2: 1 of security.",
        }));
        Assert.That(stderr, Is.Empty);
    }

    [Test]
    public void Production_web_node_needs_approval_under_the_production_manual_policy()
    {
        var (code, stdout, stderr) = Explain("dev@example.com", "web-1");

        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Is.EqualTo(new[]
        {
            "NEEDS APPROVAL under manual policy 'production'",
            "No auto-approval statement matched. Manual policy 'production' applies because web-1 (i-0abc1234567890def) has the tag Environment=production; " +
            "a tag-targeted policy takes precedence over the all-nodes policy. It needs level 1: 1 of sre-leads.",
        }));
        Assert.That(stderr, Is.Empty);
    }

    [Test]
    public void Unknown_user_exits_one_with_a_one_line_error()
    {
        var (code, stdout, stderr) = Explain("nobody@example.com", "web-1");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo($"error: nobody@example.com is not in {DirectoryYaml}{Environment.NewLine}"));
    }

    [Test]
    public void Unknown_node_exits_one_with_a_one_line_error()
    {
        var (code, stdout, stderr) = Explain("dev@example.com", "i-0nope");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo($"error: there is no node 'i-0nope' in {NodesYaml}{Environment.NewLine}"));
    }

    [Test]
    public void Invalid_policy_folder_exits_one_listing_its_problems()
    {
        var folder = Directory.CreateTempSubdirectory("chatopsjit-explain-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "auto-approval.cedar"), "forbid (principal, action == AWS::SSM::Action::\"getTokenForInstanceAccess\", resource);");

            var (code, stdout, stderr) = Explain("dev@example.com", "web-1", folder);

            Assert.That(code, Is.EqualTo(1));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr, Is.EqualTo(
                "auto-approval.cedar:1:1: 'auto-approval#0' is a forbid statement; an auto-approval policy holds permit statements only (put forbids in deny.cedar)" +
                Environment.NewLine));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Missing_option_is_one_error_line_and_exits_one()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = PolicyExplainCommand.Run(["--dir", Policies, "--user", "dev@example.com"], output, error);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error.ToString(), Is.EqualTo(
            "error: missing required option '--directory FILE' for 'policy explain'; see 'chatopsjit policy explain --help'" + Environment.NewLine));
    }
}
