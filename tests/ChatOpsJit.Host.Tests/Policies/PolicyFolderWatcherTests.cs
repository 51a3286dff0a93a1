using ChatOpsJit.Core.Requests;
using ChatOpsJit.Host.Configuration;
using ChatOpsJit.Host.Policies;
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
        watcher = new PolicyFolderWatcher(holder, Options.Create(new PolicyOptions { Folder = folder.Path }),
            new AccessOptions { AutoApprovalDuration = TimeSpan.FromMinutes(30) }, new FakeTimeProvider(), NullLogger<PolicyFolderWatcher>.Instance);
    }

    [TearDown]
    public void Delete()
    {
        watcher.Dispose();
        folder.Dispose();
    }

    private static string[] ManualNames(PolicyHolder h) => h.Current!.ManualPolicies.Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    [Test]
    public void Loads_the_sample_folder()
    {
        Assert.That(holder.IsLoaded, Is.False);

        Assert.That(watcher.LoadIfChanged(), Is.True);

        Assert.That(holder.IsLoaded, Is.True);
        Assert.That(holder.LastError, Is.Null);
        Assert.That(ManualNames(holder), Is.EqualTo(new[] { "everything-else", "production", "restricted-data" }));
        Assert.That(holder.Current!.StatementCount, Is.EqualTo(3));
        Assert.That(holder.Current.AutoApprovalDuration, Is.EqualTo(TimeSpan.FromMinutes(30)), "the configured auto-approval duration is passed on");
    }

    [Test]
    public void An_unchanged_folder_is_not_loaded_again()
    {
        watcher.LoadIfChanged();
        var first = holder.Current;

        Assert.That(watcher.LoadIfChanged(), Is.False);
        Assert.That(holder.Current, Is.SameAs(first));
    }

    [Test]
    public void Rewriting_a_file_with_the_same_content_is_not_a_change()
    {
        watcher.LoadIfChanged();
        var path = folder.File("deny.cedar");
        folder.Write("deny.cedar", File.ReadAllText(path));

        Assert.That(watcher.LoadIfChanged(), Is.False);
    }

    [Test]
    public void An_invalid_edit_keeps_the_old_set_and_records_the_error()
    {
        watcher.LoadIfChanged();
        var good = holder.Current;

        folder.Write("deny.cedar", "forbid (principal, action, resource) when { this is not cedar");

        Assert.That(watcher.LoadIfChanged(), Is.False);
        Assert.That(holder.Current, Is.SameAs(good));
        Assert.That(holder.IsLoaded, Is.True);
        Assert.That(holder.LastError, Does.Contain("deny.cedar"));
    }

    [Test]
    public void An_invalid_folder_is_not_reparsed_until_it_changes_again()
    {
        watcher.LoadIfChanged();
        folder.Write("manual/production.yaml", "name: [unclosed");
        watcher.LoadIfChanged();
        var error = holder.LastError;

        Assert.That(watcher.LoadIfChanged(), Is.False);
        Assert.That(holder.LastError, Is.EqualTo(error).And.Not.Null);
    }

    [Test]
    public void A_fixed_edit_loads_the_new_set_and_clears_the_error()
    {
        watcher.LoadIfChanged();
        var old = holder.Current;
        folder.Write("deny.cedar", "this is not cedar");
        watcher.LoadIfChanged();
        Assert.That(holder.LastError, Is.Not.Null);

        // Fixed: the deny statements are back and one manual policy is gone.
        folder.Write("deny.cedar", File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot(), "samples", "policies", "deny.cedar")));
        File.Delete(folder.File("manual/everything-else.yaml"));

        Assert.That(watcher.LoadIfChanged(), Is.True);
        Assert.That(holder.Current, Is.Not.SameAs(old));
        Assert.That(holder.LastError, Is.Null);
        Assert.That(ManualNames(holder), Is.EqualTo(new[] { "production", "restricted-data" }));
    }

    [Test]
    public void A_new_file_is_a_change()
    {
        watcher.LoadIfChanged();
        folder.Write("manual/staging.yaml", File.ReadAllText(folder.File("manual/production.yaml"))
            .Replace("name: production", "name: staging", StringComparison.Ordinal)
            .Replace("Environment: production", "Environment: staging", StringComparison.Ordinal));

        Assert.That(watcher.LoadIfChanged(), Is.True);
        Assert.That(ManualNames(holder), Does.Contain("staging"));
    }

    [Test]
    public void An_invalid_folder_at_start_leaves_nothing_loaded_with_the_error()
    {
        folder.Write("auto-approval.cedar", "permit (");

        Assert.That(watcher.LoadIfChanged(), Is.False);
        Assert.That(holder.IsLoaded, Is.False);
        Assert.That(holder.LastError, Does.Contain("auto-approval.cedar"));
    }

    [Test]
    public void A_missing_folder_leaves_nothing_loaded_with_the_error()
    {
        var missingWatcher = new PolicyFolderWatcher(holder, Options.Create(new PolicyOptions { Folder = folder.File("nope") }),
            new AccessOptions(), new FakeTimeProvider(), NullLogger<PolicyFolderWatcher>.Instance);
        try
        {
            Assert.That(missingWatcher.LoadIfChanged(), Is.False);
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
