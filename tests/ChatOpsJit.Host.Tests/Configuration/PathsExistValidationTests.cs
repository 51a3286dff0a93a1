using ChatOpsJit.Host.Configuration;
using ChatOpsJit.Host.Sandbox;

namespace ChatOpsJit.Host.Tests.Configuration;

public sealed class PathsExistValidationTests
{
    private readonly PathsExistValidation validation = new();
    private TempFolder folder = null!;

    [SetUp]
    public void Create() => folder = new TempFolder();

    [TearDown]
    public void Delete() => folder.Dispose();

    [Test]
    public void Existing_files_and_folder_pass()
    {
        var nodes = folder.Write("nodes.yaml", "nodes: []");
        var directory = folder.Write("directory.yaml", "users: []");
        Directory.CreateDirectory(folder.File("policies"));

        Assert.That(validation.Validate(null, new SandboxOptions { NodesFile = nodes }).Succeeded, Is.True);
        Assert.That(validation.Validate(null, new DirectoryOptions { File = directory }).Succeeded, Is.True);
        Assert.That(validation.Validate(null, new PolicyOptions { Folder = folder.File("policies") }).Succeeded, Is.True);
    }

    [Test]
    public void A_missing_nodes_file_is_one_line_naming_Sandbox_NodesFile()
    {
        var missing = folder.File("nope.yaml");

        var result = validation.Validate(null, new SandboxOptions { NodesFile = missing });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Is.EqualTo(new[] { $"Sandbox:NodesFile: file '{missing}' does not exist." }));
    }

    [Test]
    public void A_missing_directory_file_is_one_line_naming_Directory_File()
    {
        var missing = folder.File("people.yaml");

        var result = validation.Validate(null, new DirectoryOptions { File = missing });

        Assert.That(result.Failures, Is.EqualTo(new[] { $"Directory:File: file '{missing}' does not exist." }));
    }

    [Test]
    public void A_missing_policy_folder_is_one_line_naming_Policies_Folder()
    {
        var missing = folder.File("policies");

        var result = validation.Validate(null, new PolicyOptions { Folder = missing });

        Assert.That(result.Failures, Is.EqualTo(new[] { $"Policies:Folder: folder '{missing}' does not exist." }));
    }

    [Test]
    public void A_folder_where_a_file_is_expected_fails()
    {
        Directory.CreateDirectory(folder.File("nodes.yaml"));

        var result = validation.Validate(null, new SandboxOptions { NodesFile = folder.File("nodes.yaml") });

        Assert.That(result.Failed, Is.True);
    }

    [Test]
    public void A_file_where_the_policy_folder_is_expected_fails()
    {
        var file = folder.Write("policies", "not a folder");

        Assert.That(validation.Validate(null, new PolicyOptions { Folder = file }).Failed, Is.True);
    }

    [Test]
    public void Every_failure_is_a_single_line_that_quotes_the_configured_value()
    {
        const string configured = "relative/missing-nodes.yaml";

        var failures = validation.Validate(null, new SandboxOptions { NodesFile = configured }).Failures!.ToList();

        Assert.That(failures, Has.Count.EqualTo(1));
        Assert.That(failures[0], Does.Not.Contain("\n").And.StartWith("Sandbox:NodesFile: ").And.Contain($"'{configured}'"));
    }
}
