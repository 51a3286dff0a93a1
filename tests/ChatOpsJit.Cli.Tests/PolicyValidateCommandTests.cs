using ChatOpsJit.Cli.Commands;

namespace ChatOpsJit.Cli.Tests;

/// <summary>`chatopsjit policy validate DIR`: exit 0 and a summary when valid, exit 2 and one `file:line:col: message` line per problem when not.</summary>
public sealed class PolicyValidateCommandTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("chatopsjit-validate-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatOpsJit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ChatOpsJit.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static (int Code, string Out, string[] Err) Validate(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = PolicyValidateCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Test]
    public void Sample_policies_are_valid_exit_zero_with_a_summary_and_no_warning_against_the_sample_directory()
    {
        var samples = Path.Combine(RepoRoot(), "samples", "policies");

        var (code, stdout, stderr) = Validate(samples, "--directory", Path.Combine(RepoRoot(), "samples", "directory.yaml"));

        Assert.That(code, Is.EqualTo(0), string.Join(Environment.NewLine, stderr));
        Assert.That(stdout, Is.EqualTo($"{samples}: valid (1 deny-access statements, 2 auto-approval statements, 3 manual policies){Environment.NewLine}"));
        Assert.That(stderr, Is.Empty);
    }

    [Test]
    public void Without_a_directory_a_note_says_groups_were_not_counted()
    {
        var samples = Path.Combine(RepoRoot(), "samples", "policies");

        var (code, stdout, stderr) = Validate(samples);

        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.EndWith(": valid (1 deny-access statements, 2 auto-approval statements, 3 manual policies)" + Environment.NewLine));
        Assert.That(stderr, Is.EqualTo(new[] { PolicyValidateCommand.GroupsNotCounted }));
        Assert.That(stderr[0], Does.StartWith("note: groups were not counted"));
    }

    [Test]
    public void Levels_that_can_never_be_satisfied_are_warnings_naming_file_and_line_and_exit_zero()
    {
        Write(Path.Combine("manual", "prod.yaml"), """
            name: prod
            targets: all
            levels:
              - approvers: [sre-leads]
                required: 1
              - approvers: [lead@example.com, ghost@example.com]
                required: 1
            """);
        var directory = Path.Combine(_folder, "directory.yaml");
        File.WriteAllText(directory, """
            users:
              - email: lead@example.com
                groups: [sre-leads]
              - email: dev@example.com
            """);

        var (code, stdout, stderr) = Validate(_folder, "--directory", directory);

        Assert.That(code, Is.EqualTo(0), "warnings leave the folder valid");
        Assert.That(stdout, Does.Contain(": valid (0 deny-access statements, 0 auto-approval statements, 1 manual policies)"));
        var prod = Path.Combine("manual", "prod.yaml");
        Assert.That(stderr, Is.EqualTo(new[]
        {
            $"{prod}:6:1: warning: approver ghost@example.com is not in the directory, so can never approve",
            $"{prod}:6:1: warning: level 2 needs 1 approval, but nobody can give it once level 1 has its approvers (lead@example.com cannot approve at two levels)",
        }));
    }

    [Test]
    public void Without_a_directory_an_email_needed_at_two_levels_is_still_a_warning()
    {
        Write(Path.Combine("manual", "prod.yaml"), """
            name: prod
            targets: all
            levels:
              - approvers: [lead@example.com]
              - approvers: [lead@example.com]
            """);

        var (code, _, stderr) = Validate(_folder);

        Assert.That(code, Is.EqualTo(0));
        Assert.That(stderr, Is.EqualTo(new[]
        {
            $"{Path.Combine("manual", "prod.yaml")}:5:1: warning: level 2 needs 1 approval, but nobody can give it once level 1 has its approvers (lead@example.com cannot approve at two levels)",
        }), "no group is named, so there is no note");
    }

    [Test]
    public void A_missing_directory_file_exits_one_naming_it()
    {
        var missing = Path.Combine(_folder, "nobody.yaml");

        var (code, stdout, stderr) = Validate(_folder, "--directory", missing);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo(new[] { $"error: directory file '{missing}' does not exist" }));
    }

    [Test]
    public void Broken_folder_exits_two_with_one_file_line_col_message_line_per_problem()
    {
        Write("deny.cedar", """
            permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource);
            """);
        Write("auto-approval.cedar", """
            // tags outside JITNA's schema
            @id("buckets")
            permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
            when { resource in AWS::S3::Bucket::"logs" };
            """);
        Write(Path.Combine("manual", "bad.yaml"), """
            name: bad
            targets: all
            levels:
              - approvers: [lead@example.com]
                required: two
            """);
        Write(Path.Combine("manual", "fine.yaml"), """
            name: fine
            targets: { tags: { Env: prod } }
            levels:
              - approvers: [lead@example.com]
            """);

        var (code, stdout, stderr) = Validate(_folder);

        Assert.That(code, Is.EqualTo(PolicyValidateCommand.Invalid));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo(new[]
        {
            "deny.cedar:1:1: 'deny#0' is a permit statement; a deny-access policy holds forbid statements only (put permits in auto-approval.cedar)",
            "auto-approval.cedar:4:20: entity type 'AWS::S3::Bucket' is not in JITNA's schema (expected one of " +
            "AWS::EC2::Instance, AWS::IAM::PrincipalTags, AWS::IAM::Role, AWS::IdentityStore::Group, AWS::IdentityStore::User, AWS::SSM::Action, AWS::SSM::ManagedInstance)",
            $"{Path.Combine("manual", "bad.yaml")}:5:15: 'required' must be a whole number, not 'two'",
        }));
    }

    [Test]
    public void Cedar_syntax_error_is_reported_at_its_line_and_column()
    {
        Write("auto-approval.cedar", """
            @id("broken")
            permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
            when { resource.getTag("Stage") == };
            """);

        var (code, _, stderr) = Validate(_folder);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Has.Length.EqualTo(1));
        Assert.That(stderr[0], Does.StartWith("auto-approval.cedar:3:36: "));
    }

    [Test]
    public void Legacy_action_spelling_is_valid_with_a_warning_on_stderr()
    {
        Write("auto-approval.cedar", """
            @id("legacy")
            permit (principal, action == AWS::SSM::getTokenForInstanceAccess, resource);
            """);

        var (code, stdout, stderr) = Validate(_folder);

        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain(": valid (0 deny-access statements, 1 auto-approval statements, 0 manual policies)"));
        Assert.That(stderr, Is.EqualTo(new[]
        {
            "auto-approval.cedar:2:30: warning: 'AWS::SSM::getTokenForInstanceAccess' is read as AWS::SSM::Action::\"getTokenForInstanceAccess\"; write it that way",
        }));
    }

    [Test]
    public void Statement_id_used_in_both_cedar_files_exits_two_with_a_located_problem()
    {
        Write("deny.cedar", """
            @id("same")
            forbid (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { resource.hasTag("DataClass") };
            """);
        Write("auto-approval.cedar", """
            @id("same")
            permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource);
            """);

        var (code, _, stderr) = Validate(_folder);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Has.Length.EqualTo(1));
        Assert.That(stderr[0], Does.StartWith("auto-approval.cedar:1:1: ").And.Contain("'same'"));
    }

    [Test]
    public void Missing_folder_exits_two_naming_it()
    {
        var missing = Path.Combine(_folder, "nope");

        var (code, _, stderr) = Validate(missing);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Is.EqualTo(new[] { $"{missing}:1:1: policy folder does not exist" }));
    }

    [Test]
    public void No_folder_is_one_error_line_and_exits_one()
    {
        var (code, stdout, stderr) = Validate();

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo(new[]
        {
            "error: missing DIR for 'policy validate' (e.g. chatopsjit policy validate samples/policies --directory samples/directory.yaml); " +
            "see 'chatopsjit policy validate --help'",
        }));
    }

    [Test]
    public void Two_folders_are_one_error_line_and_exit_one()
    {
        var (code, _, stderr) = Validate(_folder, "other");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Is.EqualTo(new[] { "error: unexpected argument 'other' for 'policy validate'; see 'chatopsjit policy validate --help'" }));
    }
}
