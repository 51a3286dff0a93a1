using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;

namespace ChatOpsJit.Core.Tests.Policies.Jitna;

public sealed class JitnaPolicyFolderTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "chatopsjit-jitna-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_folder, JitnaPolicyFolder.ManualFolder));
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static string Manual(string file) => Path.Combine(JitnaPolicyFolder.ManualFolder, file);

    private void Write(string file, string yaml) => File.WriteAllText(Path.Combine(_folder, JitnaPolicyFolder.ManualFolder, file), yaml);

    private void WritePolicy(string file, string name, string targets) => Write(file, $"""
        name: {name}
        targets: {targets}
        levels:
          - approvers: [lead@example.com]
            required: 1
        """);

    private PolicyLoadException LoadFails() => Assert.Throws<PolicyLoadException>(() => JitnaPolicyFolder.Load(_folder))!;

    private static readonly DirectoryUser Principal = new("dev@example.com", "dev", "ic-dev", [], new Dictionary<string, string>(), new Dictionary<string, string>());

    private static Node Node(params (string Key, string Value)[] tags) =>
        new("i-0abc", "web-1", "111122223333", "eu-west-1", "Linux", tags.ToDictionary(t => t.Key, t => t.Value));

    [Test]
    public void Valid_folder_loads_every_policy_with_its_levels_durations_and_channels()
    {
        Write("prod.yaml", """
            name: prod
            description: production servers
            targets:
              tags:
                Env: prod
            levels:
              - approvers: [lead@example.com, sre-leads]
                required: 2
              - approvers: [cto@example.com]
            accessDuration: 2h
            maxDuration: 4
            channels:
              console: prod-approvals
              slack: "#prod"
            """);
        WritePolicy("all.yaml", "everything", "all");

        var set = JitnaPolicyFolder.Load(_folder);

        Assert.That(set.ManualPolicies.Select(p => p.Name), Is.EquivalentTo(new[] { "prod", "everything" }));
        var prod = set.ManualPolicies.Single(p => p.Name == "prod");
        Assert.Multiple(() =>
        {
            Assert.That(prod.File, Is.EqualTo(Manual("prod.yaml")));
            Assert.That(prod.Targets.Tags, Is.EqualTo(new[] { new NodeTag("Env", "prod") }));
            Assert.That(prod.Levels.Select(l => (string.Join(",", l.Approvers), l.Required)),
                Is.EqualTo(new[] { ("lead@example.com,sre-leads", 2), ("cto@example.com", 1) }));
            Assert.That(prod.AccessDuration, Is.EqualTo(TimeSpan.FromHours(2)));
            Assert.That(prod.MaxDuration, Is.EqualTo(TimeSpan.FromHours(4)), "a bare number is hours, as in JITNA");
            Assert.That(prod.Channels[ChatOpsJit.Core.Chat.PlatformName.Slack], Is.EqualTo("#prod"));
        });
    }

    [Test]
    public void Loaded_folder_selects_the_tag_targeted_policy_over_the_all_nodes_one()
    {
        WritePolicy("all.yaml", "everything", "all");
        WritePolicy("prod.yaml", "prod", "{ tags: { Env: prod } }");

        var set = JitnaPolicyFolder.Load(_folder);
        var decision = set.Decide(Principal, Node(("Env", "prod")));

        Assert.That(decision, Is.TypeOf<PolicyDecision.NeedsApproval>());
        Assert.That(((PolicyDecision.NeedsApproval)decision).Policy.Name, Is.EqualTo("prod"));
    }

    [Test]
    public void Folder_without_manual_policies_loads_and_denies_every_request()
    {
        var set = JitnaPolicyFolder.Load(_folder);

        var decision = set.Decide(Principal, Node(("Env", "prod")));

        Assert.That(set.ManualPolicies, Is.Empty);
        Assert.That(decision, Is.TypeOf<PolicyDecision.Denied>());
        Assert.That(decision.Explanation, Does.Contain("every request is denied"));
    }

    [Test]
    public void Folder_that_does_not_exist_is_a_load_error()
    {
        var missing = Path.Combine(_folder, "nope");

        var error = Assert.Throws<PolicyLoadException>(() => JitnaPolicyFolder.Load(missing))!;

        Assert.That(error.Problems.Single().Message, Is.EqualTo("policy folder does not exist"));
    }

    [Test]
    public void Fifty_policies_load()
    {
        for (var i = 1; i <= 50; i++)
        {
            WritePolicy($"p{i:00}.yaml", $"p{i}", $"{{ tags: {{ Team: t{i} }} }}");
        }

        Assert.That(JitnaPolicyFolder.Load(_folder).ManualPolicies, Has.Count.EqualTo(50));
    }

    [Test]
    public void Fifty_one_policies_are_a_load_error_mentioning_the_limit_of_fifty()
    {
        for (var i = 1; i <= 51; i++)
        {
            WritePolicy($"p{i:00}.yaml", $"p{i}", $"{{ tags: {{ Team: t{i} }} }}");
        }

        var error = LoadFails();

        Assert.That(error.Problems.Single().Message, Is.EqualTo("51 manual policies; JITNA allows at most 50 per account and Region"));
    }

    [Test]
    public void Tag_targeted_by_two_policies_is_a_load_error_naming_both()
    {
        WritePolicy("a.yaml", "alpha", "{ tags: { Env: prod } }");
        WritePolicy("b.yaml", "beta", "{ tags: { Env: prod, Role: web } }");

        var error = LoadFails();

        var problem = error.Problems.Single();
        Assert.That(problem.File, Is.EqualTo(Manual("b.yaml")));
        Assert.That(problem.Message, Does.Contain("tag Env=prod is already targeted by manual policy 'alpha' (" + Manual("a.yaml") + ")"));
        Assert.That(problem.ToString(), Does.Contain(Manual("a.yaml")).And.Contain(Manual("b.yaml")));
    }

    [Test]
    public void Same_tag_key_with_values_differing_only_in_case_is_not_a_conflict()
    {
        WritePolicy("a.yaml", "alpha", "{ tags: { Env: prod } }");
        WritePolicy("b.yaml", "beta", "{ tags: { Env: Prod } }");
        WritePolicy("c.yaml", "gamma", "{ tags: { env: prod } }");

        var set = JitnaPolicyFolder.Load(_folder);

        Assert.That(set.ManualPolicies, Has.Count.EqualTo(3));
    }

    [Test]
    public void Two_all_nodes_policies_are_a_load_error_naming_both()
    {
        WritePolicy("a.yaml", "alpha", "all");
        WritePolicy("b.yaml", "beta", "all");

        var error = LoadFails();

        Assert.That(error.Problems.Single().Message, Is.EqualTo("only one manual policy may target all nodes; 'alpha' and 'beta' both do"));
    }

    [Test]
    public void Two_policies_with_one_name_are_a_load_error()
    {
        WritePolicy("a.yaml", "same", "{ tags: { Env: a } }");
        WritePolicy("b.yaml", "Same", "{ tags: { Env: b } }");

        var error = LoadFails();

        Assert.That(error.Problems.Single().Message, Is.EqualTo($"policy name 'same' is used by {Manual("a.yaml")} and {Manual("b.yaml")}"));
    }

    [Test]
    public void Yaml_syntax_error_carries_file_line_and_column()
    {
        Write("bad.yaml", "name: broken\ntargets: all\nlevels: [unclosed\n");

        var error = LoadFails();

        var problem = error.Problems.Single();
        Assert.That(problem.File, Is.EqualTo(Manual("bad.yaml")));
        Assert.That(problem.Message, Does.StartWith("invalid YAML: "));
        Assert.That((problem.Line, problem.Column), Is.EqualTo((4, 1)), problem.ToString());
        Assert.That(problem.ToString(), Does.StartWith($"{Manual("bad.yaml")}:4:1: invalid YAML"));
    }

    [Test]
    public void Invalid_value_is_reported_at_its_own_line_and_column()
    {
        Write("bad.yaml", """
            name: bad
            targets: all
            levels:
              - approvers: [lead@example.com]
                required: two
            """);

        var error = LoadFails();

        Assert.That(error.Problems.Single().ToString(), Is.EqualTo($"{Manual("bad.yaml")}:5:15: 'required' must be a whole number, not 'two'"));
    }

    [Test]
    public void Every_problem_of_an_invalid_folder_is_reported_together()
    {
        Write("a.yaml", "name: a\ntargets: all\nlevels: [unclosed\n");
        Write("b.yaml", """
            name: b
            targets: all
            levels:
              - approvers: [lead@example.com]
            accessDuration: forever
            """);
        WritePolicy("c.yaml", "fine", "{ tags: { Env: prod } }");

        var error = LoadFails();

        Assert.That(error.Problems.Select(p => p.File), Is.EqualTo(new[] { Manual("a.yaml"), Manual("b.yaml") }));
        Assert.That(error.Message, Does.Contain("invalid YAML").And.Contain("'accessDuration' must be a duration from 1m to 336h"));
    }

    [Test]
    public void Every_problem_inside_one_file_is_reported_together()
    {
        Write("bad.yaml", """
            name: bad
            target: all
            levels:
              - approvers: []
                required: 0
            """);

        var error = LoadFails();

        Assert.That(error.Problems.Select(p => p.Message), Is.EquivalentTo(new[]
        {
            "unknown field 'target' (expected name, description, targets, levels, accessDuration, maxDuration, extension, channels)",
            "missing 'targets': give 'all' or 'tags' with key/value pairs",
            "a level lists 1 to 5 approvers (users or groups); found 0",
            "'required' is 0, but this level can give 1 to 0 approvals",
        }));
    }
}
