using System.Diagnostics;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Storage.Audit;

namespace ChatOpsJit.Storage.Tests.Audit;

public sealed class FileAuditAnchorTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 2, 0, TimeSpan.Zero);
    private static readonly AuditKey Key = AuditKey.Generate();
    private string folder = "";

    private string AnchorFile => Path.Combine(folder, "chatopsjit.audit-anchor");

    [SetUp]
    public void Create() => folder = Directory.CreateTempSubdirectory("chatopsjit-anchors-").FullName;

    [TearDown]
    public void Delete()
    {
        Chattr("-a", AnchorFile);
        Directory.Delete(folder, recursive: true);
    }

    private static AuditAnchor Anchor(long sequence) =>
        AuditAnchor.Of(new AuditRecord(sequence, "ar-1", "k", "a", At, "{}", null, Key.Id, AuditChain.Genesis, new string((char)('a' + sequence % 6), 64)), Key, At.AddSeconds(sequence).AddTicks(3));

    private static bool Chattr(string flag, string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [Test]
    public async Task Anchors_are_appended_as_json_lines_and_read_back_exactly_with_their_line_numbers()
    {
        var anchors = new FileAuditAnchor(AnchorFile);
        Assert.That(await anchors.ReadAllAsync(), Is.Empty, "no file yet");

        await anchors.AppendAsync(Anchor(3));
        await anchors.AppendAsync(Anchor(9));
        var read = await anchors.ReadAllAsync();

        Assert.That(read, Is.EqualTo(new[] { new StoredAnchor("line 1", Anchor(3)), new StoredAnchor("line 2", Anchor(9)) }));
        Assert.That(read.Select(a => a.Anchor!.SealHolds(Key)), Is.All.True);
        Assert.That(File.ReadAllLines(AnchorFile)[0], Does.StartWith("{\"seq\":3,\"mac\":\"dddd").And.Contain("\"keyId\":\"" + Key.Id + "\"").And.Contain("\"seal\":"));
    }

    [Test]
    public async Task After_a_torn_write_the_next_anchor_starts_a_new_line_and_the_torn_one_is_named()
    {
        var anchors = new FileAuditAnchor(AnchorFile);
        await anchors.AppendAsync(Anchor(1));
        await File.AppendAllTextAsync(AnchorFile, "{\"seq\":2,\"mac\":\"ab");

        await anchors.AppendAsync(Anchor(3));
        var read = await anchors.ReadAllAsync();

        Assert.That(read.Select(a => (a.Location, a.Anchor?.Sequence)), Is.EqualTo(new[] { ("line 1", (long?)1), ("line 2", null), ("line 3", 3) }));
        Assert.That(read[1].Unreadable, Does.StartWith("not a JSON anchor"));
    }

    [Test]
    public async Task An_append_only_file_chattr_plus_a_still_takes_anchors_and_refuses_rewrites()
    {
        var anchors = new FileAuditAnchor(AnchorFile);
        await anchors.AppendAsync(Anchor(1));
        if (!Chattr("+a", AnchorFile))
        {
            Assert.Ignore("chattr +a is not available here (needs root and a file system with attributes)");
        }

        await anchors.AppendAsync(Anchor(2));

        Assert.That((await anchors.ReadAllAsync()).Select(a => a.Anchor!.Sequence), Is.EqualTo(new long[] { 1, 2 }));
        Assert.Throws<UnauthorizedAccessException>(() => File.WriteAllText(AnchorFile, ""), "the file cannot be emptied");
    }
}
