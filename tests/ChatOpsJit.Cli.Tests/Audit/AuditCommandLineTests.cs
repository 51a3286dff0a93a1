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
    public async Task Verify_help_lists_every_option_and_where_keys_and_anchors_come_from()
    {
        var (code, stdout, stderr) = await world.RunAsync("verify", "--help");

        Assert.That(code, Is.Zero);
        Assert.That(stderr, Is.Empty);
        Assert.That(stdout, Does.Contain("  --requests ").And.Contain("  --key-file FILE ").And.Contain("  --anchor-file FILE ")
            .And.Contain("  --db FILE ").And.Contain("  --connection-string CS ").And.Contain("  -h, --help "));
        Assert.That(stdout, Does.Contain("Audit__Key (and Audit__RetiredKeys__0, __1, …)").And.Contain("Audit__KeyFile").And.Contain("Audit__AnchorFile"));
        Assert.That(stdout, Does.Contain("exit status: 0 intact, 1 bad input (command line, database, keys or anchor file), 2 broken."));
    }

    [TestCase("--help")]
    [TestCase("-h")]
    public async Task Audit_help_lists_the_commands_on_stdout_and_exits_0(string help)
    {
        var (code, stdout, stderr) = await world.RunAsync(help);

        Assert.That(code, Is.Zero);
        Assert.That(stderr, Is.Empty);
        Assert.That(stdout, Does.Contain("  audit verify [").And.Contain("  audit export [").And.Contain("  audit rotate-key ["));
    }

    [TestCase("verify", "--x", "unknown option '--x' for 'audit verify'")]
    [TestCase("export", "--requests", "unknown option '--requests' for 'audit export'")]
    [TestCase("export", "-x", "unknown option '-x' for 'audit export'")]
    [TestCase("rotate-key", "--anchor-file", "unknown option '--anchor-file' for 'audit rotate-key'")]
    [TestCase("verify", "stray", "unexpected argument 'stray' for 'audit verify'")]
    [TestCase("verify", "--requests=yes", "option '--requests' takes no value")]
    [TestCase("verify", "--key-file=a --key-file=b", "option '--key-file' given more than once")]
    public async Task A_usage_mistake_is_one_error_line_on_stderr_and_exit_1(string command, string option, string error)
    {
        var (code, stdout, stderr) = await world.RunAsync([command, .. option.Split(' '), "--db", world.DatabaseFile]);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo($"error: {error}; see 'chatopsjit audit {command} --help'{Environment.NewLine}"));
    }

    [TestCase("verify", "--db", "FILE", "--requests")]
    [TestCase("verify", "--key-file", "FILE", "--requests")]
    [TestCase("verify", "--anchor-file", "FILE", "--db=x")]
    [TestCase("export", "--since", "TIME|DURATION", "--after=3")]
    [TestCase("export", "--after", "SEQ", "--since=1h")]
    [TestCase("rotate-key", "--key-file", "FILE", "--db=x")]
    public async Task An_option_without_its_value_is_an_error_and_exit_1(string command, string option, string placeholder, string another)
    {
        var atEnd = await world.RunAsync(command, option);
        var beforeAnother = await world.RunAsync(command, option, another);

        foreach (var (code, stdout, stderr) in new[] { atEnd, beforeAnother })
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr, Is.EqualTo($"error: option '{option}' needs a value (e.g. {option} {placeholder}); see 'chatopsjit audit {command} --help'{Environment.NewLine}"));
        }
    }

    [TestCase("verify")]
    [TestCase("export")]
    [TestCase("rotate-key")]
    public async Task Help_wins_over_a_mistake_on_the_same_line(string command)
    {
        var (code, stdout, stderr) = await world.RunAsync(command, "--frob", "--key-file", "--help");

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.StartWith($"usage: chatopsjit audit {command} "));
        Assert.That(stderr, Is.Empty);
    }

    [Test]
    public async Task Both_db_and_connection_string_is_a_usage_error()
    {
        var (code, stdout, stderr) = await world.RunAsync("verify", "--db", world.DatabaseFile, "--connection-string", $"Data Source={world.DatabaseFile}");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo($"error: give --db or --connection-string, not both; see 'chatopsjit audit verify --help'{Environment.NewLine}"));
    }

    [Test]
    public async Task A_connection_string_sqlite_cannot_use_is_one_error_line_and_exit_1()
    {
        var (code, stdout, stderr) = await world.RunAsync("export", "--connection-string", "Data Source=:memory:");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.StartWith("error: the SQLite store needs a database file (Data Source=path/to/file.db)"));
        Assert.That(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task An_unknown_audit_command_is_one_error_line_and_none_prints_the_commands_on_stderr()
    {
        var (unknown, _, said) = await world.RunAsync("rehash");
        var (none, nothing, usage) = await world.RunAsync();
        var (_, help, _) = await world.RunAsync("--help");

        Assert.That(unknown, Is.EqualTo(1));
        Assert.That(said, Is.EqualTo($"error: unknown command 'audit rehash'; see 'chatopsjit audit --help'{Environment.NewLine}"));
        Assert.That(none, Is.EqualTo(1));
        Assert.That(nothing, Is.Empty);
        Assert.That(usage, Is.EqualTo(help));
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
