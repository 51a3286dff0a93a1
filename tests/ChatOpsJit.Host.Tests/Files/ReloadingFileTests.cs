using ChatOpsJit.Host.Files;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsJit.Host.Tests.Files;

public sealed class ReloadingFileTests
{
    private TempFolder folder = null!;
    private int parses;

    [SetUp]
    public void Create()
    {
        folder = new TempFolder();
        parses = 0;
    }

    [TearDown]
    public void Delete() => folder.Dispose();

    // "value: <text>"; anything else is a format error.
    private ReloadingFile<string> File(string path) => new(path, text =>
    {
        parses++;
        return text.StartsWith("value: ", StringComparison.Ordinal) ? text["value: ".Length..] : throw new FormatException($"not a value: '{text}'");
    }, NullLogger.Instance);

    [Test]
    public void Loads_the_file_on_first_access()
    {
        var file = File(folder.Write("f.txt", "value: one"));

        Assert.That(file.Value, Is.EqualTo("one"));
    }

    [Test]
    public void An_unchanged_file_is_not_parsed_again()
    {
        var file = File(folder.Write("f.txt", "value: one"));

        _ = file.Value;
        _ = file.Value;
        _ = file.Value;

        Assert.That(parses, Is.EqualTo(1));
    }

    [Test]
    public void Re_reads_when_the_file_changes()
    {
        var file = File(folder.Write("f.txt", "value: one"));
        Assert.That(file.Value, Is.EqualTo("one"));

        folder.Write("f.txt", "value: three");

        Assert.That(file.Value, Is.EqualTo("three"));
    }

    [Test]
    public void Re_reads_a_same_size_edit_with_a_new_write_time()
    {
        var path = folder.Write("f.txt", "value: one");
        var file = File(path);
        Assert.That(file.Value, Is.EqualTo("one"));

        folder.Write("f.txt", "value: two");

        Assert.That(file.Value, Is.EqualTo("two"));
    }

    [Test]
    public void Keeps_the_last_good_value_when_an_edit_does_not_parse_and_stops_retrying_it()
    {
        var file = File(folder.Write("f.txt", "value: good"));
        Assert.That(file.Value, Is.EqualTo("good"));

        folder.Write("f.txt", "garbage that does not parse");

        Assert.That(file.Value, Is.EqualTo("good"));
        var parsesAfterBadEdit = parses;
        Assert.That(file.Value, Is.EqualTo("good"));
        Assert.That(parses, Is.EqualTo(parsesAfterBadEdit), "a bad edit is not re-parsed on every access");
    }

    [Test]
    public void A_fixed_edit_after_a_bad_one_is_taken()
    {
        var file = File(folder.Write("f.txt", "value: good"));
        _ = file.Value;
        folder.Write("f.txt", "garbage");
        _ = file.Value;

        folder.Write("f.txt", "value: fixed");

        Assert.That(file.Value, Is.EqualTo("fixed"));
    }

    [Test]
    public void Keeps_the_last_good_value_when_the_file_is_deleted()
    {
        var path = folder.Write("f.txt", "value: good");
        var file = File(path);
        _ = file.Value;

        System.IO.File.Delete(path);

        Assert.That(file.Value, Is.EqualTo("good"));
    }

    [Test]
    public void A_first_load_that_does_not_parse_throws()
    {
        var file = File(folder.Write("f.txt", "garbage"));

        var error = Assert.Throws<FormatException>(() => _ = file.Value);
        Assert.That(error!.Message, Does.Contain("garbage"));
    }

    [Test]
    public void A_missing_file_at_first_load_throws()
    {
        var file = File(folder.File("missing.txt"));

        Assert.Throws<FileNotFoundException>(() => _ = file.Value);
    }

    [Test]
    public void A_first_load_failure_is_retried_on_the_next_access()
    {
        var file = File(folder.Write("f.txt", "garbage"));
        Assert.Throws<FormatException>(() => _ = file.Value);

        folder.Write("f.txt", "value: now good");

        Assert.That(file.Value, Is.EqualTo("now good"));
    }
}
