using ChatOpsJit.Core.Requests;
using ChatOpsJit.Host.Configuration;
using ChatOpsJit.Host.Identity;
using ChatOpsJit.Host.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Host.Tests.Policies;

/// <summary>The watcher over a temporary copy of samples/policies, with the real holder it feeds.</summary>
public sealed class PolicyFolderWatcherTests
{
    private TempFolder folder = null!;
    private PolicyHolder holder = null!;
    private PolicyFolderWatcher watcher = null!;

    [SetUp]
    public void CopySamples()
    {
        folder = new TempFolder();
        TestSupport.CopyFolder(Path.Combine(TestSupport.RepositoryRoot(), "samples", "policies"), folder.Path);
        holder = new PolicyHolder();
        watcher = Watcher(folder.Path, SampleDirectory, NullLogger<PolicyFolderWatcher>.Instance);
    }

    [TearDown]
    public void Delete()
    {
        watcher.Dispose();
        folder.Dispose();
    }

    private static string SampleDirectory => Path.Combine(TestSupport.RepositoryRoot(), "samples", "directory.yaml");

    private PolicyFolderWatcher Watcher(string policies, string directoryFile, ILogger<PolicyFolderWatcher> logger) =>
        new(holder, Options.Create(new PolicyOptions { Folder = policies }), new AccessOptions { AutoApprovalDuration = TimeSpan.FromMinutes(30) },
            new YamlIdentityDirectory(directoryFile, NullLogger<YamlIdentityDirectory>.Instance), new FakeTimeProvider(), logger);

    private static string[] ManualNames(PolicyHolder h) => h.Current!.ManualPolicies.Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    [Test]
    public async Task Loads_the_sample_folder()
    {
        Assert.That(holder.IsLoaded, Is.False);

        Assert.That(await watcher.LoadIfChangedAsync(), Is.True);

        Assert.That(holder.IsLoaded, Is.True);
        Assert.That(holder.LastError, Is.Null);
        Assert.That(ManualNames(holder), Is.EqualTo(new[] { "everything-else", "production", "restricted-data" }));
        Assert.That(holder.Current!.StatementCount, Is.EqualTo(3));
        Assert.That(holder.Current.AutoApprovalDuration, Is.EqualTo(TimeSpan.FromMinutes(30)), "the configured auto-approval duration is passed on");
    }

    [Test]
    public async Task An_unchanged_folder_is_not_loaded_again()
    {
        await watcher.LoadIfChangedAsync();
        var first = holder.Current;

        Assert.That(await watcher.LoadIfChangedAsync(), Is.False);
        Assert.That(holder.Current, Is.SameAs(first));
    }

    [Test]
    public async Task Rewriting_a_file_with_the_same_content_is_not_a_change()
    {
        await watcher.LoadIfChangedAsync();
        var path = folder.File("deny.cedar");
        folder.Write("deny.cedar", File.ReadAllText(path));

        Assert.That(await watcher.LoadIfChangedAsync(), Is.False);
    }

    [Test]
    public async Task An_invalid_edit_keeps_the_old_set_and_records_the_error()
    {
        await watcher.LoadIfChangedAsync();
        var good = holder.Current;

        folder.Write("deny.cedar", "forbid (principal, action, resource) when { this is not cedar");

        Assert.That(await watcher.LoadIfChangedAsync(), Is.False);
        Assert.That(holder.Current, Is.SameAs(good));
        Assert.That(holder.IsLoaded, Is.True);
        Assert.That(holder.LastError, Does.Contain("deny.cedar"));
    }

    [Test]
    public async Task An_invalid_folder_is_not_reparsed_until_it_changes_again()
    {
        await watcher.LoadIfChangedAsync();
        folder.Write("manual/production.yaml", "name: [unclosed");
        await watcher.LoadIfChangedAsync();
        var error = holder.LastError;

        Assert.That(await watcher.LoadIfChangedAsync(), Is.False);
        Assert.That(holder.LastError, Is.EqualTo(error).And.Not.Null);
    }

    [Test]
    public async Task A_fixed_edit_loads_the_new_set_and_clears_the_error()
    {
        await watcher.LoadIfChangedAsync();
        var old = holder.Current;
        folder.Write("deny.cedar", "this is not cedar");
        await watcher.LoadIfChangedAsync();
        Assert.That(holder.LastError, Is.Not.Null);

        // Fixed: the deny statements are back and one manual policy is gone.
        folder.Write("deny.cedar", File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot(), "samples", "policies", "deny.cedar")));
        File.Delete(folder.File("manual/everything-else.yaml"));

        Assert.That(await watcher.LoadIfChangedAsync(), Is.True);
        Assert.That(holder.Current, Is.Not.SameAs(old));
        Assert.That(holder.LastError, Is.Null);
        Assert.That(ManualNames(holder), Is.EqualTo(new[] { "production", "restricted-data" }));
    }

    [Test]
    public async Task A_new_file_is_a_change()
    {
        await watcher.LoadIfChangedAsync();
        folder.Write("manual/staging.yaml", File.ReadAllText(folder.File("manual/production.yaml"))
            .Replace("name: production", "name: staging", StringComparison.Ordinal)
            .Replace("Environment: production", "Environment: staging", StringComparison.Ordinal));

        Assert.That(await watcher.LoadIfChangedAsync(), Is.True);
        Assert.That(ManualNames(holder), Does.Contain("staging"));
    }

    [Test]
    public async Task An_invalid_folder_at_start_leaves_nothing_loaded_with_the_error()
    {
        folder.Write("auto-approval.cedar", "permit (");

        Assert.That(await watcher.LoadIfChangedAsync(), Is.False);
        Assert.That(holder.IsLoaded, Is.False);
        Assert.That(holder.LastError, Does.Contain("auto-approval.cedar"));
    }

    [Test]
    public async Task Each_load_logs_the_approvals_the_directory_can_never_give_naming_file_and_line()
    {
        using var people = new TempFolder();
        var directoryFile = people.Write("directory.yaml", """
            users:
              - email: lead@example.com
                groups: [sre-leads]
              - email: ops@example.com
                groups: [sre-leads]
              - email: sec@example.com
                groups: [security]
            """);
        using var logs = new LogCapture();
        using var factory = new LoggerFactory([logs]);
        using var logged = Watcher(folder.Path, directoryFile, factory.CreateLogger<PolicyFolderWatcher>());

        Assert.That(await logged.LoadIfChangedAsync(), Is.True, "warnings never stop a load");

        var warnings = logs.Lines.Where(l => l.StartsWith("Warning ", StringComparison.Ordinal)).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1), string.Join("\n", warnings));
        Assert.That(warnings[0], Does.Contain(
            $"Policy warning: {Path.Combine("manual", "restricted-data.yaml")}:9:1: warning: a request by sec@example.com can never be approved: " +
            "level 2 needs 1 approval from security, and sec@example.com is its only member"));
    }

    [Test]
    public async Task A_directory_that_cannot_be_read_is_logged_and_the_set_still_loads()
    {
        using var logs = new LogCapture();
        using var factory = new LoggerFactory([logs]);
        using var logged = Watcher(folder.Path, folder.File("no-directory.yaml"), factory.CreateLogger<PolicyFolderWatcher>());

        Assert.That(await logged.LoadIfChangedAsync(), Is.True);

        Assert.That(holder.IsLoaded, Is.True);
        Assert.That(logs.Lines, Has.Some.StartsWith("Warning ").And.Contains("Could not read the directory to check who can approve"));
    }

    [Test]
    public async Task A_missing_folder_leaves_nothing_loaded_with_the_error()
    {
        var missingWatcher = Watcher(folder.File("nope"), SampleDirectory, NullLogger<PolicyFolderWatcher>.Instance);
        try
        {
            Assert.That(await missingWatcher.LoadIfChangedAsync(), Is.False);
            Assert.That(holder.IsLoaded, Is.False);
            Assert.That(holder.LastError, Does.Contain("does not exist"));
        }
        finally
        {
            missingWatcher.Dispose();
        }
    }
}

public sealed class PolicyHolderTests
{
    [Test]
    public void Deciding_before_any_set_is_loaded_throws()
    {
        var holder = new PolicyHolder();

        Assert.Throws<InvalidOperationException>(() => holder.Decide(null!, null!));
    }

    [Test]
    public void Replace_clears_the_last_error_and_Reject_keeps_the_set()
    {
        var holder = new PolicyHolder();
        var set = ChatOpsJit.Core.Policies.Jitna.JitnaPolicySet.Empty;
        holder.Reject("bad");
        Assert.That((holder.IsLoaded, holder.LastError), Is.EqualTo((false, "bad")));

        holder.Replace(set);
        Assert.That((holder.IsLoaded, holder.LastError), Is.EqualTo((true, (string?)null)));

        holder.Reject("worse");
        Assert.That(holder.Current, Is.SameAs(set));
        Assert.That(holder.LastError, Is.EqualTo("worse"));
    }
}
