using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;

namespace ChatOpsJit.Core.Tests.Policies.Jitna;

/// <summary>Levels that can never be satisfied, found at load time: the whole policy, particular requesters, unknown approvers.</summary>
public sealed class ManualPolicyReachabilityTests
{
    private static readonly IReadOnlyList<DirectoryUser> Directory =
    [
        User("dev@example.com", "developers"),
        User("lead@example.com", "sre-leads"),
        User("ops@example.com", "operations"),
        User("sec@example.com", "security"),
        User("secops@example.com", "security"),
    ];

    private static DirectoryUser User(string email, params string[] groups) =>
        new(email, email, "ic-" + email, groups, new Dictionary<string, string>(), new Dictionary<string, string>());

    // Levels start on line 4: 'name', 'targets', 'levels' come first.
    private static ManualPolicy Policy(params string[] levels)
    {
        var yaml = "name: p\ntargets: all\nlevels:\n" + string.Concat(levels.Select(l => $"  - {l}\n"));
        var problems = new List<PolicyProblem>();
        var policy = ManualPolicyParser.Parse(yaml, "manual/p.yaml", problems);
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
        return policy!;
    }

    private static string[] Warnings(ManualPolicy policy, IReadOnlyList<DirectoryUser>? directory = null)
    {
        var warnings = ManualPolicyReachability.Check([policy], directory);
        Assert.That(warnings, Has.All.Matches<PolicyProblem>(w => w.IsWarning), "reachability problems are warnings, never load errors");
        return warnings.Select(w => w.ToString()).ToArray();
    }

    [Test]
    public void A_policy_every_requester_can_get_approved_has_no_warnings()
    {
        var policy = Policy("{ approvers: [sre-leads, ops@example.com], required: 1 }", "{ approvers: [security], required: 1 }");

        Assert.That(Warnings(policy, Directory), Is.Empty);
    }

    [Test]
    public void A_level_asking_for_more_people_than_its_group_has_is_reported_at_its_line()
    {
        var policy = Policy("{ approvers: [developers], required: 1 }", "{ approvers: [security], required: 3 }");

        Assert.That(Warnings(policy, Directory), Is.EqualTo(new[]
        {
            "manual/p.yaml:5:1: warning: level 2 needs 3 approvals, but only 2 people can give them (sec@example.com, secops@example.com)",
        }));
    }

    [Test]
    public void A_level_short_once_the_level_before_has_its_approvers_names_who_is_left()
    {
        var policy = Policy("{ approvers: [lead@example.com], required: 1 }", "{ approvers: [lead@example.com, ops@example.com], required: 2 }");

        var expected = new[]
        {
            "manual/p.yaml:5:1: warning: level 2 needs 2 approvals, but only 1 person can give them once level 1 has its approvers (ops@example.com)",
        };
        Assert.That(Warnings(policy, Directory), Is.EqualTo(expected));
        Assert.That(Warnings(policy, directory: null), Is.EqualTo(expected), "email-only levels are checked without a directory too");
    }

    [Test]
    public void Two_levels_that_share_their_only_approver_can_never_both_be_satisfied()
    {
        var policy = Policy("{ approvers: [sre-leads], required: 1 }", "{ approvers: [lead@example.com], required: 1 }");

        Assert.That(Warnings(policy, Directory), Is.EqualTo(new[]
        {
            "manual/p.yaml:5:1: warning: level 2 needs 1 approval, but nobody can give it once level 1 has its approvers (lead@example.com cannot approve at two levels)",
        }));
    }

    [Test]
    public void The_matching_moves_an_earlier_approver_so_a_later_level_can_have_the_only_one_it_accepts()
    {
        // Filled greedily in email order, level 1 would take lead@ and leave level 2 nobody; the augmenting path gives
        // level 1 ops@ instead. Only the requests of the two people the assignment needs stay unapprovable.
        var policy = Policy("{ approvers: [sre-leads, operations], required: 1 }", "{ approvers: [lead@example.com], required: 1 }");

        Assert.That(Warnings(policy, Directory), Is.EqualTo(new[]
        {
            "manual/p.yaml:5:1: warning: a request by lead@example.com can never be approved: level 2 needs 1 approval from lead@example.com, " +
            "and lead@example.com is its only approver",
            "manual/p.yaml:5:1: warning: a request by ops@example.com can never be approved: level 2 needs 1 approval from lead@example.com, " +
            "and nobody else can give it once level 1 has its approvers (lead@example.com cannot approve at two levels)",
        }));
    }

    [Test]
    public void Three_levels_of_two_each_from_five_people_are_satisfiable_only_with_the_right_assignment()
    {
        var directory = new[] { User("a@x.io", "g1", "g2"), User("b@x.io", "g1", "g3"), User("c@x.io", "g2"), User("d@x.io", "g3"), User("e@x.io", "g1") };
        var satisfiable = Policy("{ approvers: [g1], required: 2 }", "{ approvers: [g2], required: 2 }", "{ approvers: [g3], required: 1 }");
        var tooMany = Policy("{ approvers: [g1], required: 2 }", "{ approvers: [g2], required: 2 }", "{ approvers: [g3], required: 2 }");

        Assert.That(ManualPolicyReachability.Check([satisfiable], directory).Where(w => !w.Message.StartsWith("a request by", StringComparison.Ordinal)), Is.Empty);
        Assert.That(Warnings(tooMany, directory), Is.EqualTo(new[]
        {
            "manual/p.yaml:6:1: warning: level 3 needs 2 approvals, but only 1 person can give them once levels 1 and 2 have their approvers (d@x.io)",
        }));
    }

    [Test]
    public void A_requester_who_is_the_only_member_of_a_level_can_never_be_approved()
    {
        var policy = Policy("{ approvers: [sre-leads], required: 1 }");

        Assert.That(Warnings(policy, Directory), Is.EqualTo(new[]
        {
            "manual/p.yaml:4:1: warning: a request by lead@example.com can never be approved: level 1 needs 1 approval from sre-leads, " +
            "and lead@example.com is its only member",
        }));
    }

    [Test]
    public void A_requester_among_exactly_as_many_approvers_as_required_can_never_be_approved()
    {
        var policy = Policy("{ approvers: [security], required: 2 }");

        Assert.That(Warnings(policy, Directory), Is.EqualTo(new[]
        {
            "manual/p.yaml:4:1: warning: a request by sec@example.com can never be approved: level 1 needs 2 approvals from security, " +
            "and only 1 other person can give them (secops@example.com)",
            "manual/p.yaml:4:1: warning: a request by secops@example.com can never be approved: level 1 needs 2 approvals from security, " +
            "and only 1 other person can give them (sec@example.com)",
        }));
    }

    [Test]
    public void An_approver_email_or_group_the_directory_does_not_know_can_never_approve()
    {
        var policy = Policy("{ approvers: [ghost@example.com, sre-lead, security], required: 1 }");

        Assert.That(Warnings(policy, Directory), Is.EqualTo(new[]
        {
            "manual/p.yaml:4:1: warning: approver ghost@example.com is not in the directory, so can never approve",
            "manual/p.yaml:4:1: warning: group 'sre-lead' has no members in the directory, so nobody in it can approve",
        }));
    }

    [Test]
    public void A_level_whose_every_approver_is_unknown_is_also_reported_as_never_satisfiable()
    {
        var policy = Policy("{ approvers: [ghost@example.com], required: 1 }");

        Assert.That(Warnings(policy, Directory), Is.EqualTo(new[]
        {
            "manual/p.yaml:4:1: warning: approver ghost@example.com is not in the directory, so can never approve",
            "manual/p.yaml:4:1: warning: level 1 needs 1 approval, but nobody in the directory can give it",
        }));
    }

    [Test]
    public void Without_a_directory_groups_supply_anyone_and_only_emails_are_counted()
    {
        var groups = Policy("{ approvers: [sre-leads], required: 5 }", "{ approvers: [sre-leads, lead@example.com], required: 5 }");
        var sameEmailTwice = Policy("{ approvers: [lead@example.com], required: 1 }", "{ approvers: [lead@example.com], required: 1 }");

        Assert.That(Warnings(groups), Is.Empty);
        Assert.That(Warnings(sameEmailTwice), Is.EqualTo(new[]
        {
            "manual/p.yaml:5:1: warning: level 2 needs 1 approval, but nobody can give it once level 1 has its approvers (lead@example.com cannot approve at two levels)",
        }));
        Assert.That(ManualPolicyReachability.NamesGroups([groups]), Is.True);
        Assert.That(ManualPolicyReachability.NamesGroups([sameEmailTwice]), Is.False);
    }

    [Test]
    public void Without_a_directory_a_requester_who_is_a_level_s_only_email_can_never_be_approved()
    {
        var policy = Policy("{ approvers: [sre-leads], required: 1 }", "{ approvers: [Lead@Example.com], required: 1 }");

        Assert.That(Warnings(policy), Is.EqualTo(new[]
        {
            "manual/p.yaml:5:1: warning: a request by Lead@Example.com can never be approved: level 2 needs 1 approval from Lead@Example.com, " +
            "and Lead@Example.com is its only approver",
        }));
    }

    [Test]
    public void A_long_list_of_people_is_shortened()
    {
        var directory = Enumerable.Range(1, 7).Select(i => User($"p{i}@example.com", "big")).ToList();
        var policy = Policy("{ approvers: [big], required: 10 }");

        Assert.That(Warnings(policy, directory), Is.EqualTo(new[]
        {
            "manual/p.yaml:4:1: warning: level 1 needs 10 approvals, but only 7 people can give them " +
            "(p1@example.com, p2@example.com, p3@example.com, p4@example.com, p5@example.com and 2 more)",
        }));
    }

    [Test]
    public void The_sample_policies_are_reachable_with_the_sample_directory()
    {
        var root = TestContext.CurrentContext.TestDirectory;
        while (!File.Exists(Path.Combine(root, "ChatOpsJit.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var set = JitnaPolicyFolder.Load(Path.Combine(root, "samples", "policies"));
        var directory = DirectoryFile.Parse(File.ReadAllText(Path.Combine(root, "samples", "directory.yaml"))).Values.ToList();

        Assert.That(ManualPolicyReachability.Check(set.ManualPolicies, directory), Is.Empty);
        Assert.That(ManualPolicyReachability.Check(set.ManualPolicies, directory: null), Is.Empty);
    }
}
