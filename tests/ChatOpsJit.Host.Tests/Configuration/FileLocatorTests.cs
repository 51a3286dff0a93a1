using ChatOpsJit.Host.Configuration;

namespace ChatOpsJit.Host.Tests.Configuration;

[NonParallelizable] // changes the process's working directory
public sealed class FileLocatorTests
{
    private TempFolder workingFolder = null!;
    private string previousDirectory = null!;
    private readonly List<string> createdInAppFolder = [];

    [SetUp]
    public void EnterTempWorkingDirectory()
    {
        previousDirectory = Environment.CurrentDirectory;
        workingFolder = new TempFolder();
        Environment.CurrentDirectory = workingFolder.Path;
    }

    [TearDown]
    public void Restore()
    {
        Environment.CurrentDirectory = previousDirectory;
        workingFolder.Dispose();
        foreach (var path in createdInAppFolder)
        {
            File.Delete(path);
        }
    }

    private string CreateInAppFolder(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name);
        File.WriteAllText(path, "app");
        createdInAppFolder.Add(path);
        return path;
    }

    [Test]
    public void An_absolute_path_is_returned_unchanged_even_when_missing()
    {
        var absolute = Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid().ToString("N"), "x.yaml");

        Assert.That(FileLocator.Resolve(absolute), Is.EqualTo(absolute));
    }

    [Test]
    public void A_relative_file_in_the_working_directory_resolves_there()
    {
        var expected = workingFolder.Write("conf/nodes.yaml", "x");

        Assert.That(FileLocator.Resolve("conf/nodes.yaml"), Is.EqualTo(expected));
    }

    [Test]
    public void A_relative_folder_in_the_working_directory_resolves_there()
    {
        Directory.CreateDirectory(workingFolder.File("policies"));

        Assert.That(FileLocator.Resolve("policies"), Is.EqualTo(workingFolder.File("policies")));
    }

    [Test]
    public void The_working_directory_wins_over_the_app_folder()
    {
        var name = $"locator-{Guid.NewGuid():N}.yaml";
        CreateInAppFolder(name);
        var inWorkingDirectory = workingFolder.Write(name, "wd");

        Assert.That(FileLocator.Resolve(name), Is.EqualTo(inWorkingDirectory));
    }

    [Test]
    public void A_file_only_next_to_the_binary_resolves_to_the_app_folder()
    {
        var name = $"locator-{Guid.NewGuid():N}.yaml";
        var inApp = CreateInAppFolder(name);

        Assert.That(FileLocator.Resolve(name), Is.EqualTo(inApp));
    }

    [Test]
    public void The_shipped_samples_are_found_next_to_the_binary_from_any_working_directory()
    {
        Assert.That(File.Exists(FileLocator.Resolve("samples/nodes.yaml")), Is.True);
        Assert.That(Directory.Exists(FileLocator.Resolve("samples/policies")), Is.True);
    }

    [Test]
    public void A_path_found_nowhere_resolves_against_the_working_directory()
    {
        Assert.That(FileLocator.Resolve("missing/file.yaml"), Is.EqualTo(Path.Combine(workingFolder.Path, "missing", "file.yaml")));
    }
}
