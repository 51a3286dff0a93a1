using ChatOpsJit.Storage.Audit;

namespace ChatOpsJit.Cli.Tests.Audit;

/// <summary>The audit commands' conventions: --help on stdout with exit 0, unknown or incomplete options exit 1 with one error line.</summary>
public sealed class AuditCommandLineTests
{
    private AuditWorld world = null!;

    [SetUp]
    public async Task Create() => world = await AuditWorld.CreateAsync();

    [TearDown]
    public async Task Delete() => await world.DisposeAsync();

    [TestCase("verify", "usage: chatopsjit audit verify [--db FILE | --connection-string CS] [--key-file FILE] [--anchor-file FILE] [--requests]")]
    [TestCase("export", "usage: chatopsjit audit export [--since TIME|DURATION] [--after SEQ] [--db FILE | --connection-string CS]")]
    [TestCase("rotate-key", "usage: chatopsjit audit rotate-key [--db FILE | --connection-string CS | --key-file FILE]")]
    public async Task Help_prints_the_usage_on_stdout_and_exits_0(string command, string usage)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var (code, stdout, stderr) = await world.RunAsync(command, "--db", world.DatabaseFile, help);

            Assert.That(code, Is.Zero);
            Assert.That(stdout, Does.StartWith(usage));
            Assert.That(stderr, Is.Empty);
        }
    }

    [Test]
    public async Task Audit_help_lists_the_commands()
    {
        var (code, stdout, _) = await world.RunAsync("--help");

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.Contain("verify").And.Contain("export").And.Contain("rotate-key"));
    }

    [TestCase("verify", "--x", "error: unknown option '--x'")]
    [TestCase("export", "--requests", "error: unknown option '--requests'")]
    [TestCase("rotate-key", "--anchor-file", "error: unknown option '--anchor-file'")]
    [TestCase("verify", "stray", "error: unexpected argument 'stray'")]
    [TestCase("verify", "--requests=yes", "error: unknown option '--requests'")]
    public async Task An_unknown_option_is_an_error_on_stderr_and_exit_1(string command, string option, string error)
    {
        var (code, stdout, stderr) = await world.RunAsync(command, option, "--db", world.DatabaseFile);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0], Is.EqualTo(error));
    }

    [TestCase("verify", "--db")]
    [TestCase("verify", "--key-file")]
    [TestCase("export", "--since")]
    [TestCase("export", "--after")]
    [TestCase("rotate-key", "--key-file")]
    public async Task An_option_without_its_value_is_an_error_and_exit_1(string command, string option)
    {
        var atEnd = await world.RunAsync(command, option);
        var beforeAnother = await world.RunAsync(command, option, "--help");

        foreach (var (code, stdout, stderr) in new[] { atEnd, beforeAnother })
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr.Split('\n')[0], Is.EqualTo($"error: option '{option}' needs a value"));
        }
    }

    [Test]
    public async Task An_unknown_audit_command_or_none_exits_1()
    {
        var (unknown, _, said) = await world.RunAsync("rehash");
        var (none, _, usage) = await world.RunAsync();

        Assert.That(unknown, Is.EqualTo(1));
        Assert.That(said, Does.StartWith("error: unknown audit command 'rehash'"));
        Assert.That(none, Is.EqualTo(1));
        Assert.That(usage, Does.StartWith("usage: chatopsjit audit"));
    }

    [Test]
    public async Task An_option_written_with_an_equals_sign_is_read()
    {
        var (code, stdout, stderr) = await world.RunAsync("verify", $"--db={world.DatabaseFile}");

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.StartWith("audit chain intact: 0 records"));
    }

    [Test]
    public async Task Rotate_key_refuses_when_the_key_comes_from_the_environment()
    {
        world.Environment["Audit__Key"] = Core.Audit.AuditKey.Generate().ToBase64();

        var (code, _, stderr) = await world.RunAsync("rotate-key", "--db", world.DatabaseFile);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("error: Audit__Key is set, so the host seals with that key, not with a key file: set a new Audit:Key and move the old one into Audit:RetiredKeys"));
    }

    [Test]
    public async Task Rotate_key_without_a_key_file_says_where_it_looked()
    {
        var (code, _, stderr) = await world.RunAsync("rotate-key", "--db", world.DatabaseFile);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith($"error: no key file at '{world.KeyFile}' (the host creates it at its first start; or pass --key-file)"));
    }

    [Test]
    public async Task Rotate_key_on_a_named_key_file_needs_no_database()
    {
        var path = Path.Combine(world.Folder, "elsewhere.audit-key");
        var (ring, _) = AuditKeyFile.ReadOrCreate(path);

        var (code, stdout, _) = await world.RunAsync("rotate-key", "--key-file", path);

        Assert.That(code, Is.Zero);
        var after = AuditKeyFile.Read(path);
        Assert.That(stdout, Does.StartWith($"new audit key {after.Current.Id} appended"));
        Assert.That(after.Find(ring.Current.Id), Is.Not.Null);
    }
}
