using ChatOpsJit.Core.Audit;
using ChatOpsJit.Storage.Audit;

namespace ChatOpsJit.Storage.Tests.Audit;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AuditKeyFileTests
{
    private string folder = "";

    private string KeyFile => Path.Combine(folder, "data", "chatopsjit.audit-key");

    [SetUp]
    public void Create() => folder = Directory.CreateTempSubdirectory("chatopsjit-keys-").FullName;

    [TearDown]
    public void Delete() => Directory.Delete(folder, recursive: true);

    [Test]
    public void A_missing_key_file_is_created_owner_only_with_one_key_that_is_read_back_the_same()
    {
        var (ring, created) = AuditKeyFile.ReadOrCreate(KeyFile);
        var (again, createdAgain) = AuditKeyFile.ReadOrCreate(KeyFile);

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.True);
            Assert.That(createdAgain, Is.False);
            Assert.That(again.Current.Id, Is.EqualTo(ring.Current.Id));
            Assert.That(ring.All, Has.Count.EqualTo(1));
            Assert.That(File.GetUnixFileMode(KeyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.ReadAllText(KeyFile), Does.Contain(ring.Current.ToBase64()).And.StartWith("#"));
        });
    }

    [Test]
    public async Task Processes_starting_together_all_end_up_with_the_one_key_that_was_created()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return AuditKeyFile.ReadOrCreate(KeyFile);
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(racers);

        Assert.That(results.Count(r => r.Created), Is.EqualTo(1));
        Assert.That(results.Select(r => r.Ring.Current.Id).Distinct().Count(), Is.EqualTo(1));
        Assert.That(AuditKeyFile.Read(KeyFile).All, Has.Count.EqualTo(1));
    }

    [TestCase(UnixFileMode.GroupRead)]
    [TestCase(UnixFileMode.OtherRead)]
    [TestCase(UnixFileMode.GroupWrite)]
    public void A_key_file_open_to_group_or_others_is_refused_with_the_chmod_that_fixes_it(UnixFileMode extra)
    {
        AuditKeyFile.ReadOrCreate(KeyFile);
        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var e = Assert.Throws<AuditKeyFileException>(() => AuditKeyFile.Read(KeyFile));

        Assert.That(e!.Message, Does.StartWith($"'{KeyFile}' is open to group or others (mode 6"));
        Assert.That(e.Message, Does.EndWith($"run chmod 600 '{KeyFile}'"));
    }

    [Test]
    public void A_bad_line_is_named_by_its_number_and_never_shown()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        var good = AuditKey.Generate().ToBase64();
        File.WriteAllText(KeyFile, $"# keys\n{good}\n\nc2VjcmV0LXRvby1zaG9ydA==\n", new System.Text.UTF8Encoding(false));
        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var e = Assert.Throws<AuditKeyFileException>(() => AuditKeyFile.Read(KeyFile));

        Assert.That(e!.Message, Does.StartWith($"line 4 of '{KeyFile}' is 16 bytes; an audit key needs at least 32 random bytes"));
        Assert.That(e.Message, Does.Not.Contain("c2VjcmV0").And.Not.Contain(good));
    }

    [Test]
    public void A_new_key_is_appended_as_the_current_one_and_the_old_ones_stay()
    {
        var (ring, _) = AuditKeyFile.ReadOrCreate(KeyFile);

        var added = AuditKeyFile.AppendNew(KeyFile, new DateTimeOffset(2026, 12, 1, 10, 2, 0, TimeSpan.Zero));
        var after = AuditKeyFile.Read(KeyFile);

        Assert.That(after.Current.Id, Is.EqualTo(added.Id));
        Assert.That(after.Find(ring.Current.Id), Is.Not.Null);
        Assert.That(after.All, Has.Count.EqualTo(2));
        Assert.That(File.ReadAllText(KeyFile), Does.Contain($"# key {added.Id}, added 2026-12-01 10:02 UTC"));
        Assert.That(File.GetUnixFileMode(KeyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void The_default_files_sit_beside_the_database()
    {
        var options = new AuditOptions();
        var connection = $"Data Source={Path.Combine(folder, "data", "chatopsjit.db")};Mode=ReadOnly";

        Assert.That(AuditPaths.KeyFile(options, connection), Is.EqualTo(Path.Combine(folder, "data", "chatopsjit.audit-key")));
        Assert.That(AuditPaths.AnchorFile(options, connection), Is.EqualTo(Path.Combine(folder, "data", "chatopsjit.audit-anchor")));
        Assert.That(AuditPaths.KeyFile(new AuditOptions { KeyFile = "/etc/chatopsjit/key" }, connection), Is.EqualTo("/etc/chatopsjit/key"));
        Assert.That(AuditPaths.AnchorFile(options, $"Data Source=file:{folder}/x.db?mode=ro"), Is.EqualTo(Path.Combine(folder, "x.audit-anchor")));
    }
}
