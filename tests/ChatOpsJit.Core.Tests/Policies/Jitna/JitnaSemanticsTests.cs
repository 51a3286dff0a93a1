using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;

namespace ChatOpsJit.Core.Tests.Policies.Jitna;

/// <summary>
/// One test per rule of /work/shared/reference/jitna.md, each on a real policy folder (deny.cedar, auto-approval.cedar,
/// manual/*.yaml) written to a temp directory and loaded with <see cref="JitnaPolicyFolder.Load"/>.
/// Manual-policy selection (tag beats all-nodes, overlap conflict, tag case-sensitivity) is covered by
/// <see cref="ManualPolicySelectionTests"/>; folder limits (50 policies, one owner per tag, one all-nodes policy,
/// duplicate names, YAML positions) by <see cref="JitnaPolicyFolderTests"/>.
/// </summary>
public sealed class JitnaSemanticsTests
{
    private const string Action = "action == AWS::SSM::Action::\"getTokenForInstanceAccess\"";

    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "chatopsjit-jitna-semantics-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    // ---- helpers -------------------------------------------------------------------------------------------------

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private void Deny(string cedar) => Write(JitnaCedarFile.DenyFile, cedar);

    private void Auto(string cedar) => Write(JitnaCedarFile.AutoApprovalFile, cedar);

    private void Manual(string name, string targets) => Write(Path.Combine(JitnaPolicyFolder.ManualFolder, name + ".yaml"), $"""
        name: {name}
        targets: {targets}
        levels:
          - approvers: [sre-leads]
            required: 1
        """);

    /// <summary>The folder's single all-nodes manual policy, so a request that is not auto-approved always lands somewhere.</summary>
    private void EverythingElse() => Manual("everything-else", "all");

    private JitnaPolicySet Load(TimeSpan? duration = null) => JitnaPolicyFolder.Load(_folder, duration);

    private PolicyLoadException LoadFails() => Assert.Throws<PolicyLoadException>(() => JitnaPolicyFolder.Load(_folder))!;

    private static DirectoryUser User(
        string[]? groups = null,
        Dictionary<string, string>? attributes = null,
        Dictionary<string, string>? principalTags = null) =>
        new("dev@example.com", "Dana Developer", "ic-dev", groups ?? [], attributes ?? [], principalTags ?? []);

    private static Node Node(string id, params (string Key, string Value)[] tags) =>
        new(id, "box", "111122223333", "eu-west-1", "Linux", tags.ToDictionary(t => t.Key, t => t.Value));

    private static Node Ec2(params (string Key, string Value)[] tags) => Node("i-0abc1234567890def", tags);

    private static PolicyDecision.AutoApproved AssertAutoApproved(PolicyDecision decision)
    {
        Assert.That(decision, Is.TypeOf<PolicyDecision.AutoApproved>(), decision.Explanation);
        return (PolicyDecision.AutoApproved)decision;
    }

    private static PolicyDecision.NeedsApproval AssertNeedsApproval(PolicyDecision decision, string policy)
    {
        Assert.That(decision, Is.TypeOf<PolicyDecision.NeedsApproval>(), decision.Explanation);
        var needs = (PolicyDecision.NeedsApproval)decision;
        Assert.That(needs.Policy.Name, Is.EqualTo(policy));
        return needs;
    }

    // ---- three policy types, evaluated deny -> auto -> manual ---------------------------------------------------

    [Test]
    public void Deny_access_match_does_not_reject_but_falls_through_to_the_manual_policy_naming_the_forbid_statement()
    {
        Deny($$"""
            // restricted data needs people
            @id("restricted")
            forbid (principal, {{Action}}, resource)
            when { resource.hasTag("DataClass") && resource.getTag("DataClass") == "restricted" };
            """);
        Auto($$"""
            @id("everyone")
            permit (principal, {{Action}}, resource);
            """);
        EverythingElse();

        var decision = Load().Decide(User(), Ec2(("DataClass", "restricted")));

        var needs = AssertNeedsApproval(decision, "everything-else");
        Assert.That(needs.Explanation, Does.StartWith(
            "Deny-access statement 'restricted' (deny.cedar line 2) matched, so this request cannot be approved automatically. " +
            "Manual policy 'everything-else' applies"));
    }

    [Test]
    public void Evaluation_order_checks_auto_approval_before_manual_policies()
    {
        Auto($$"""
            @id("prod-self-service")
            permit (principal, {{Action}}, resource) when { resource.getTag("Env") == "prod" };
            """);
        Manual("prod", "{ tags: { Env: prod } }");

        var decision = Load().Decide(User(), Ec2(("Env", "prod")));

        var auto = AssertAutoApproved(decision);
        Assert.That(auto.StatementIds, Is.EqualTo(new[] { "prod-self-service" }));
        Assert.That(auto.Explanation, Does.Not.Contain("Manual policy"));
    }

    [Test]
    public void Auto_approval_match_not_forbidden_grants_access_at_once_for_one_hour_by_default()
    {
        Deny($$"""
            @id("restricted")
            forbid (principal, {{Action}}, resource) when { resource.hasTag("DataClass") };
            """);
        Auto($$"""
            // anyone may reach dev nodes
            @id("dev-nodes")
            permit (principal, {{Action}}, resource) when { resource.hasTag("Stage") && resource.getTag("Stage") == "dev" };
            """);
        EverythingElse();

        var decision = Load().Decide(User(), Ec2(("Stage", "dev")));

        var auto = AssertAutoApproved(decision);
        Assert.Multiple(() =>
        {
            Assert.That(auto.StatementIds, Is.EqualTo(new[] { "dev-nodes" }));
            Assert.That(auto.Duration, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(auto.Explanation, Is.EqualTo(
                "Auto-approval statement 'dev-nodes' (auto-approval.cedar line 2) matched and no deny-access statement forbids it, " +
                "so access is granted at once for 1h."));
        });
    }

    [Test]
    public void Auto_approval_duration_is_the_one_passed_to_load()
    {
        Auto($$"""
            @id("dev-nodes")
            permit (principal, {{Action}}, resource) when { resource.getTag("Stage") == "dev" };
            """);

        var decision = Load(TimeSpan.FromMinutes(30)).Decide(User(), Ec2(("Stage", "dev")));

        var auto = AssertAutoApproved(decision);
        Assert.That(auto.Duration, Is.EqualTo(TimeSpan.FromMinutes(30)));
        Assert.That(auto.Explanation, Does.EndWith("so access is granted at once for 30m."));
    }

    // ---- file shape: deny holds forbids, auto-approval holds permits ---------------------------------------------

    [Test]
    public void Deny_access_file_holding_a_permit_is_a_load_error_naming_the_file_and_line()
    {
        Deny($$"""
            @id("fine")
            forbid (principal, {{Action}}, resource) when { resource.hasTag("DataClass") };

            @id("misplaced")
            permit (principal, {{Action}}, resource);
            """);

        var problem = LoadFails().Problems.Single();

        Assert.That(problem.ToString(), Is.EqualTo(
            "deny.cedar:4:1: 'misplaced' is a permit statement; a deny-access policy holds forbid statements only (put permits in auto-approval.cedar)"));
    }

    [Test]
    public void Auto_approval_file_holding_a_forbid_is_a_load_error_naming_the_file_and_line()
    {
        Auto($$"""
            // a forbid belongs in deny.cedar
            @id("misplaced")
            forbid (principal, {{Action}}, resource);
            """);

        var problem = LoadFails().Problems.Single();

        Assert.That(problem.ToString(), Is.EqualTo(
            "auto-approval.cedar:2:1: 'misplaced' is a forbid statement; an auto-approval policy holds permit statements only (put forbids in deny.cedar)"));
    }

    // ---- the action ------------------------------------------------------------------------------------------------

    [TestCase("action", TestName = "Action_left_unconstrained_is_a_load_error")]
    [TestCase("action == AWS::SSM::Action::\"startSession\"", TestName = "Action_other_than_getTokenForInstanceAccess_is_a_load_error")]
    [TestCase("action in [AWS::SSM::Action::\"getTokenForInstanceAccess\", AWS::SSM::Action::\"startSession\"]", TestName = "Action_list_including_another_action_is_a_load_error")]
    public void Action_must_be_getTokenForInstanceAccess(string actionScope)
    {
        Auto($$"""
            @id("wrong-action")
            permit (principal, {{actionScope}}, resource);
            """);

        var problem = LoadFails().Problems.Single();

        Assert.That(problem.ToString(), Is.EqualTo(
            "auto-approval.cedar:1:1: 'wrong-action' must constrain the action to AWS::SSM::Action::\"getTokenForInstanceAccess\" " +
            "(write: action == AWS::SSM::Action::\"getTokenForInstanceAccess\")"));
    }

    [Test]
    public void Legacy_action_spelling_is_accepted_with_a_warning_and_decides_like_the_canonical_one()
    {
        const string When = "when { resource.getTag(\"Stage\") == \"dev\" }";
        Auto($$"""
            @id("dev-nodes")
            permit (principal, action == AWS::SSM::getTokenForInstanceAccess, resource) {{When}};
            """);
        EverythingElse();
        var legacy = Load();
        Auto($$"""
            @id("dev-nodes")
            permit (principal, {{Action}}, resource) {{When}};
            """);
        var canonical = Load();

        Assert.That(legacy.Warnings.Select(w => w.ToString()), Is.EqualTo(new[]
        {
            "auto-approval.cedar:2:30: warning: 'AWS::SSM::getTokenForInstanceAccess' is read as AWS::SSM::Action::\"getTokenForInstanceAccess\"; write it that way",
        }));
        Assert.That(canonical.Warnings, Is.Empty);
        foreach (var node in new[] { Ec2(("Stage", "dev")), Ec2(("Stage", "prod")) })
        {
            var expected = canonical.Decide(User(), node);
            var actual = legacy.Decide(User(), node);
            Assert.That(actual.GetType(), Is.EqualTo(expected.GetType()), node.Tags["Stage"]);
            Assert.That(actual.Explanation, Is.EqualTo(expected.Explanation), node.Tags["Stage"]);
        }

        Assert.That(legacy.Decide(User(), Ec2(("Stage", "dev"))), Is.TypeOf<PolicyDecision.AutoApproved>());
    }

    [TestCase("permit (principal, {0}, resource) when { resource.getTag(\"Note\") == \"see AWS::SSM::getTokenForInstanceAccess docs\" };",
        TestName = "Legacy_action_spelling_inside_a_string_literal_is_left_alone")]
    [TestCase("// was: AWS::SSM::getTokenForInstanceAccess\npermit (principal, {0}, resource);",
        TestName = "Legacy_action_spelling_inside_a_comment_is_left_alone")]
    public void Legacy_action_spelling_is_only_rewritten_where_it_is_the_action(string template)
    {
        Auto(template.Replace("{0}", Action, StringComparison.Ordinal));
        EverythingElse();

        var set = Load();
        var decision = set.Decide(User(), Ec2(("Note", "see AWS::SSM::getTokenForInstanceAccess docs")));

        Assert.That(set.Warnings, Is.Empty);
        Assert.That(decision, Is.TypeOf<PolicyDecision.AutoApproved>(), decision.Explanation);
    }

    // ---- JITNA's schema -------------------------------------------------------------------------------------------

    [TestCase("principal == User::\"x\", " + Action + ", resource", "auto-approval.cedar:2:1: 'outsider' constrains the principal to type 'User'; JITNA's principal is one of AWS::IdentityStore::Group, AWS::IdentityStore::User",
        TestName = "Entity_type_outside_the_schema_in_the_principal_scope_is_a_load_error_with_line_and_column")]
    [TestCase("principal, " + Action + ", resource in AWS::S3::Bucket::\"logs\"", "auto-approval.cedar:2:1: 'outsider' constrains the resource to type 'AWS::S3::Bucket'; JITNA's resource is one of AWS::EC2::Instance, AWS::SSM::ManagedInstance",
        TestName = "Entity_type_outside_the_schema_in_the_resource_scope_is_a_load_error_with_line_and_column")]
    [TestCase("principal, " + Action + ", resource is AWS::S3::Bucket", "auto-approval.cedar:2:1: 'outsider' constrains the resource to type 'AWS::S3::Bucket'; JITNA's resource is one of AWS::EC2::Instance, AWS::SSM::ManagedInstance",
        TestName = "Entity_type_outside_the_schema_in_a_resource_is_scope_is_a_load_error_with_line_and_column")]
    public void Entity_type_outside_the_schema_in_the_scope_is_a_load_error(string scope, string expected)
    {
        Auto($$"""
            // outsider
            @id("outsider")
            permit ({{scope}});
            """);

        var problems = LoadFails().Problems;

        Assert.That(problems.Select(p => p.ToString()), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Entity_type_outside_the_schema_in_a_condition_is_a_load_error_at_the_literal()
    {
        Deny($$"""
            @id("outsider")
            forbid (principal, {{Action}}, resource)
            when {
              principal == User::"x" || resource in AWS::S3::Bucket::"logs"
            };
            """);

        var problems = LoadFails().Problems;

        Assert.That(problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "deny.cedar:4:16: entity type 'User' is not in JITNA's schema (expected one of " +
            "AWS::EC2::Instance, AWS::IAM::PrincipalTags, AWS::IAM::Role, AWS::IdentityStore::Group, AWS::IdentityStore::User, AWS::SSM::Action, AWS::SSM::ManagedInstance)",
            "deny.cedar:4:41: entity type 'AWS::S3::Bucket' is not in JITNA's schema (expected one of " +
            "AWS::EC2::Instance, AWS::IAM::PrincipalTags, AWS::IAM::Role, AWS::IdentityStore::Group, AWS::IdentityStore::User, AWS::SSM::Action, AWS::SSM::ManagedInstance)",
        }));
    }

    // ---- Cedar semantics ------------------------------------------------------------------------------------------

    [Test]
    public void Statement_raising_an_error_on_getTag_of_a_missing_tag_is_skipped_does_not_match_and_is_reported()
    {
        // The deny statement errors (no DataClass tag), so it does not match; the auto-approval statement then grants.
        Deny($$"""
            @id("restricted")
            forbid (principal, {{Action}}, resource) when { resource.getTag("DataClass") == "restricted" };
            """);
        Auto($$"""
            @id("dev-nodes")
            permit (principal, {{Action}}, resource) when { resource.getTag("Stage") == "dev" };
            """);

        var decision = Load().Decide(User(), Ec2(("Stage", "dev")));

        var auto = AssertAutoApproved(decision);
        Assert.That(auto.StatementIds, Is.EqualTo(new[] { "dev-nodes" }));
        Assert.That(auto.Explanation, Does.Contain("Statement 'restricted' (deny.cedar line 1) was skipped because it raised an error at line 2, column 94: "));
        Assert.That(auto.Explanation, Does.Contain("DataClass"));
    }

    [Test]
    public void Statement_raising_an_error_on_a_missing_optional_principal_attribute_is_skipped_does_not_match_and_is_reported()
    {
        Auto($$"""
            @id("own-cost-centre")
            permit (principal, {{Action}}, resource) when { principal.costCenter == resource.getTag("CostCenter") };
            """);
        EverythingElse();

        var decision = Load().Decide(User(attributes: new() { ["division"] = "platform" }), Ec2(("CostCenter", "cc-100")));

        var needs = AssertNeedsApproval(decision, "everything-else");
        Assert.That(needs.Explanation, Does.StartWith(
            "No auto-approval statement matched. Statement 'own-cost-centre' (auto-approval.cedar line 1) was skipped because it raised an error at line 2, column 94: "));
        Assert.That(needs.Explanation, Does.Contain("costCenter"));
    }

    [Test]
    public void And_and_or_short_circuit_so_a_guarded_getTag_raises_no_error()
    {
        Auto($$"""
            @id("guarded")
            permit (principal, {{Action}}, resource)
            when { (resource.hasTag("Stage") && resource.getTag("Stage") == "dev") || (principal has costCenter && principal.costCenter == "cc-1") };
            """);
        EverythingElse();

        var decision = Load().Decide(User(), Ec2());

        var needs = AssertNeedsApproval(decision, "everything-else");
        Assert.That(needs.Explanation, Does.StartWith("No auto-approval statement matched. Manual policy"));
        Assert.That(needs.Explanation, Does.Not.Contain("skipped"));
    }

    [Test]
    public void Forbid_overrides_permit_when_both_match()
    {
        Deny($$"""
            @id("no-prod")
            forbid (principal, {{Action}}, resource) when { resource.getTag("Env") == "prod" };
            """);
        Auto($$"""
            @id("everyone")
            permit (principal, {{Action}}, resource);
            """);
        EverythingElse();

        var set = Load();
        var prod = set.Decide(User(), Ec2(("Env", "prod")));
        var dev = set.Decide(User(), Ec2(("Env", "dev")));

        AssertNeedsApproval(prod, "everything-else");
        Assert.That(prod.Explanation, Does.StartWith("Deny-access statement 'no-prod' (deny.cedar line 1) matched"));
        Assert.That(prod.Explanation, Does.Not.Contain("Auto-approval statement"));
        Assert.That(AssertAutoApproved(dev).StatementIds, Is.EqualTo(new[] { "everyone" }), "the permit alone does grant");
    }

    [Test]
    public void Principal_in_group_follows_the_users_groups()
    {
        Auto($$"""
            @id("platform")
            permit (principal in AWS::IdentityStore::Group::"platform-engineers", {{Action}}, resource);
            """);
        EverythingElse();
        var set = Load();

        var member = set.Decide(User(groups: ["developers", "platform-engineers"]), Ec2());
        var outsider = set.Decide(User(groups: ["developers"]), Ec2());

        Assert.That(AssertAutoApproved(member).StatementIds, Is.EqualTo(new[] { "platform" }));
        AssertNeedsApproval(outsider, "everything-else");
        Assert.That(outsider.Explanation, Does.StartWith("No auto-approval statement matched."));
    }

    [Test]
    public void Jitna_md_example_policy_allows_own_cost_centre_dev_nodes_and_denies_everything_else()
    {
        // Verbatim from jitna.md.
        Auto("""
            // Platform engineers may reach their own cost centre's dev nodes without asking.
            permit (
              principal in AWS::IdentityStore::Group::"platform-engineers",
              action == AWS::SSM::Action::"getTokenForInstanceAccess",
              resource
            ) when {
              principal has costCenter && resource.hasTag("CostCenter") &&
              principal.costCenter == resource.getTag("CostCenter") && resource.getTag("Stage") == "dev"
            };
            """);
        EverythingElse();
        var set = Load();
        DirectoryUser Engineer(string? costCenter) =>
            User(groups: ["platform-engineers"], attributes: costCenter is null ? [] : new() { ["costCenter"] = costCenter });

        var allowed = set.Decide(Engineer("cc-100"), Ec2(("CostCenter", "cc-100"), ("Stage", "dev")));
        var otherCostCentre = set.Decide(Engineer("cc-200"), Ec2(("CostCenter", "cc-100"), ("Stage", "dev")));
        var noCostCentre = set.Decide(Engineer(null), Ec2(("CostCenter", "cc-100"), ("Stage", "dev")));
        var untaggedNode = set.Decide(Engineer("cc-100"), Ec2(("Stage", "dev")));
        var prodNode = set.Decide(Engineer("cc-100"), Ec2(("CostCenter", "cc-100"), ("Stage", "prod")));
        var notAnEngineer = set.Decide(User(attributes: new() { ["costCenter"] = "cc-100" }), Ec2(("CostCenter", "cc-100"), ("Stage", "dev")));

        Assert.That(AssertAutoApproved(allowed).StatementIds, Is.EqualTo(new[] { "auto-approval#0" }));
        Assert.Multiple(() =>
        {
            foreach (var (name, decision) in new[] { ("other cost centre", otherCostCentre), ("no costCenter", noCostCentre), ("untagged node", untaggedNode), ("prod node", prodNode), ("not in group", notAnEngineer) })
            {
                Assert.That(decision, Is.TypeOf<PolicyDecision.NeedsApproval>(), name);
                Assert.That(decision.Explanation, Does.StartWith("No auto-approval statement matched. Manual policy"), name);
                Assert.That(decision.Explanation, Does.Not.Contain("skipped"), $"{name}: the guards short-circuit, nothing raises an error");
            }
        });
    }

    [TestCase("1001", true)]
    [TestCase("10", true)]
    [TestCase("1101", false)]
    [TestCase("2001", false)]
    public void Like_with_a_star_wildcard_matches_the_employee_number(string employeeNumber, bool granted)
    {
        Auto($$"""
            @id("employees-10xx")
            permit (principal, {{Action}}, resource) when { principal has employeeNumber && principal.employeeNumber like "10*" };
            """);
        EverythingElse();

        var decision = Load().Decide(User(attributes: new() { ["employeeNumber"] = employeeNumber }), Ec2());

        Assert.That(decision, granted ? Is.TypeOf<PolicyDecision.AutoApproved>() : Is.TypeOf<PolicyDecision.NeedsApproval>(), decision.Explanation);
    }

    [Test]
    public void Like_with_an_escaped_star_matches_a_literal_star_only()
    {
        Auto($$"""
            @id("starred")
            permit (principal, {{Action}}, resource) when { principal has employeeNumber && principal.employeeNumber like "1\*" };
            """);
        EverythingElse();
        var set = Load();

        Assert.That(set.Decide(User(attributes: new() { ["employeeNumber"] = "1*" }), Ec2()), Is.TypeOf<PolicyDecision.AutoApproved>());
        Assert.That(set.Decide(User(attributes: new() { ["employeeNumber"] = "1001" }), Ec2()), Is.TypeOf<PolicyDecision.NeedsApproval>());
    }

    [Test]
    public void Context_iam_principalTags_getTag_reads_the_users_iam_principal_tags()
    {
        Auto($$"""
            @id("elevated")
            permit (principal, {{Action}}, resource)
            when { context.iam.principalTags.hasTag("AccessLevel") && context.iam.principalTags.getTag("AccessLevel") == "Elevated" };
            """);
        EverythingElse();
        var set = Load();

        var elevated = set.Decide(User(principalTags: new() { ["AccessLevel"] = "Elevated" }), Ec2());
        var ordinary = set.Decide(User(principalTags: new() { ["AccessLevel"] = "Standard" }), Ec2());
        var untagged = set.Decide(User(attributes: new() { ["AccessLevel"] = "Elevated" }), Ec2());

        Assert.That(AssertAutoApproved(elevated).StatementIds, Is.EqualTo(new[] { "elevated" }));
        AssertNeedsApproval(ordinary, "everything-else");
        AssertNeedsApproval(untagged, "everything-else");
    }

    [Test]
    public void Mi_nodes_are_managed_instances_and_i_nodes_ec2_instances()
    {
        Auto($$"""
            @id("hybrid-only")
            permit (principal, {{Action}}, resource is AWS::SSM::ManagedInstance);

            @id("ec2-in-condition")
            permit (principal, {{Action}}, resource) when { resource is AWS::EC2::Instance && resource.getTag("Stage") == "dev" };
            """);
        EverythingElse();
        var set = Load();

        var hybrid = set.Decide(User(), Node("mi-0123456789abcdef0", ("Stage", "test")));
        var ec2 = set.Decide(User(), Node("i-0123456789abcdef0", ("Stage", "test")));
        var ec2Dev = set.Decide(User(), Node("i-0123456789abcdef0", ("Stage", "dev")));
        var hybridDev = set.Decide(User(), Node("mi-0123456789abcdef0", ("Stage", "dev")));

        Assert.That(AssertAutoApproved(hybrid).StatementIds, Is.EqualTo(new[] { "hybrid-only" }));
        AssertNeedsApproval(ec2, "everything-else");
        Assert.That(AssertAutoApproved(ec2Dev).StatementIds, Is.EqualTo(new[] { "ec2-in-condition" }));
        Assert.That(AssertAutoApproved(hybridDev).StatementIds, Is.EqualTo(new[] { "hybrid-only" }));
    }

    // ---- no policy ------------------------------------------------------------------------------------------------

    [Test]
    public void No_policies_at_all_deny_everything()
    {
        // An empty folder (no manual/ directory) and Cedar files holding only comments define no policy.
        // The folder-with-an-empty-manual-directory case is JitnaPolicyFolderTests.Folder_without_manual_policies_loads_and_denies_every_request.
        Deny("// nothing yet\n");
        Auto("// nothing yet\n");

        var set = Load();
        var decision = set.Decide(User(groups: ["platform-engineers"]), Ec2(("Stage", "dev")));

        Assert.That(set.StatementCount, Is.EqualTo(0));
        Assert.That(decision, Is.TypeOf<PolicyDecision.Denied>());
        Assert.That(decision.Explanation, Is.EqualTo("No access policies are defined, so every request is denied."));
    }

    [Test]
    public void No_applicable_policy_is_denied_with_that_reason()
    {
        Auto($$"""
            @id("dev-nodes")
            permit (principal, {{Action}}, resource) when { resource.hasTag("Stage") && resource.getTag("Stage") == "dev" };
            """);
        Manual("prod", "{ tags: { Env: prod } }");

        var decision = Load().Decide(User(), Node("i-0abc1234567890def", ("Env", "test")) with { Name = "web-1" });

        Assert.That(decision, Is.TypeOf<PolicyDecision.Denied>());
        Assert.That(decision.Explanation, Is.EqualTo(
            "No auto-approval statement matched, and no manual policy applies to web-1 (i-0abc1234567890def) " +
            "(none targets its tags and there is no all-nodes policy), so the request is denied."));
    }

    [Test]
    public void No_applicable_policy_with_only_cedar_statements_is_denied_without_claiming_no_policies_are_defined()
    {
        Deny($$"""
            @id("restricted")
            forbid (principal, {{Action}}, resource) when { resource.hasTag("DataClass") };
            """);
        Auto($$"""
            @id("dev-nodes")
            permit (principal, {{Action}}, resource) when { resource.hasTag("Stage") && resource.getTag("Stage") == "dev" };
            """);
        var set = Load();

        var notMatched = set.Decide(User(), Ec2(("Stage", "prod")));
        var forbidden = set.Decide(User(), Ec2(("Stage", "dev"), ("DataClass", "restricted")));

        Assert.That(notMatched, Is.TypeOf<PolicyDecision.Denied>());
        Assert.That(forbidden, Is.TypeOf<PolicyDecision.Denied>());
        Assert.That(notMatched.Explanation, Does.Not.Contain("No access policies are defined"));
        Assert.That(forbidden.Explanation, Does.Not.Contain("No access policies are defined"));
        Assert.That(forbidden.Explanation, Does.StartWith("Deny-access statement 'restricted' (deny.cedar line 1) matched"));
    }

    [Test]
    public void A_deny_statement_that_matched_with_no_manual_policy_for_the_node_says_exactly_that()
    {
        Deny($$"""
            @id("restricted")
            forbid (principal, {{Action}}, resource) when { resource.hasTag("DataClass") };
            """);
        Auto($$"""
            @id("everyone")
            permit (principal, {{Action}}, resource);
            """);
        Manual("prod", "{ tags: { Env: prod } }");

        var decision = Load().Decide(User(), Node("i-0abc1234567890def", ("DataClass", "restricted")) with { Name = "db-1" });

        Assert.That(decision, Is.TypeOf<PolicyDecision.Denied>());
        Assert.That(decision.Explanation, Is.EqualTo(
            "Deny-access statement 'restricted' (deny.cedar line 1) matched, so this request cannot be approved automatically, and no manual policy applies to " +
            "db-1 (i-0abc1234567890def) (none targets its tags and there is no all-nodes policy), so nobody can approve it either: it is denied."),
            "the auto-approval statement did match, so the reason must not say that none did");
    }

    [Test]
    public void Three_conflicting_manual_policies_are_all_named()
    {
        Manual("prod", "{ tags: { Env: prod } }");
        Manual("web", "{ tags: { Role: web } }");
        Manual("payments", "{ tags: { Team: payments } }");

        var decision = Load().Decide(User(), Node("i-0abc1234567890def", ("Env", "prod"), ("Role", "web"), ("Team", "payments")) with { Name = "web-1" });

        Assert.That(decision, Is.TypeOf<PolicyDecision.Failed>());
        Assert.That(((PolicyDecision.Failed)decision).ConflictingPolicies, Is.EquivalentTo(new[] { "prod", "web", "payments" }));
        Assert.That(decision.Explanation, Does.StartWith("Manual policies 'payments', 'prod' and 'web' all target web-1 (i-0abc1234567890def)"));
    }

    // ---- all-or-nothing loading -----------------------------------------------------------------------------------

    [Test]
    public void Statement_id_used_in_both_cedar_files_is_a_load_error()
    {
        Deny($$"""
            @id("same")
            forbid (principal, {{Action}}, resource) when { resource.hasTag("DataClass") };
            """);
        Auto($$"""
            @id("same")
            permit (principal, {{Action}}, resource);
            """);

        var problems = LoadFails().Problems;

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0].File, Is.EqualTo("auto-approval.cedar"));
        Assert.That((problems[0].Line, problems[0].Column), Is.EqualTo((1, 1)));
        Assert.That(problems[0].Message, Does.Contain("'same'").And.Contain("deny.cedar"));
    }

    [Test]
    public void Invalid_folder_lists_every_problem_together_across_cedar_and_yaml_files()
    {
        // Several YAML files failing together is JitnaPolicyFolderTests.Every_problem_of_an_invalid_folder_is_reported_together.
        Deny($$"""
            @id("misplaced")
            permit (principal, {{Action}}, resource);
            """);
        Auto($$"""
            @id("broken")
            permit (principal, {{Action}}, resource) when { resource.getTag("Stage") == };
            """);
        Write(Path.Combine(JitnaPolicyFolder.ManualFolder, "bad.yaml"), """
            name: bad
            targets: all
            levels:
              - approvers: [lead@example.com]
                required: two
            """);
        Manual("fine", "{ tags: { Env: prod } }");

        var problems = LoadFails().Problems;

        Assert.That(problems.Select(p => p.File), Is.EqualTo(new[] { "deny.cedar", "auto-approval.cedar", Path.Combine("manual", "bad.yaml") }));
        Assert.That(problems[0].Message, Does.StartWith("'misplaced' is a permit statement"));
        Assert.That((problems[1].Line, problems[1].Column), Is.Not.EqualTo((1, 1)), problems[1].ToString());
        Assert.That(problems[2].ToString(), Is.EqualTo($"{Path.Combine("manual", "bad.yaml")}:5:15: 'required' must be a whole number, not 'two'"));
    }
}
