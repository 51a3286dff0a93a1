using System.Text.Json;
using ChatOpsJit.Core.Audit;

namespace ChatOpsJit.Cli.Tests.Audit;

/// <summary>`chatopsjit audit export`: JSON Lines for a SIEM, one record per line with its MACs.</summary>
public sealed class AuditExportCommandTests
{
    private AuditWorld world = null!;

    [SetUp]
    public async Task Create() => world = await AuditWorld.CreateAsync();

    [TearDown]
    public async Task Delete() => await world.DisposeAsync();

    private static List<JsonElement> Parse(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    [Test]
    public async Task Every_record_is_one_json_line_with_its_data_snapshot_and_macs()
    {
        await world.CommitAsync(3);
        var records = await world.RecordsAsync();

        var (code, stdout, stderr) = await world.RunAsync("export", "--db", world.DatabaseFile);
        var lines = Parse(stdout);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(lines, Has.Count.EqualTo(9));
        var first = lines[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "seq", "at", "kind", "requestId", "actor", "data", "request", "keyId", "previousMac", "mac" }));
            Assert.That(first.GetProperty("seq").GetInt64(), Is.EqualTo(1));
            Assert.That(first.GetProperty("at").GetString(), Is.EqualTo("2026-12-01T09:01:00.0000000Z"));
            Assert.That(first.GetProperty("kind").GetString(), Is.EqualTo("request.submitted"));
            Assert.That(first.GetProperty("requestId").GetString(), Is.EqualTo("ar-00000001"));
            Assert.That(first.GetProperty("data").ValueKind, Is.EqualTo(JsonValueKind.Object), "data is embedded, not a string");
            Assert.That(first.GetProperty("request").GetProperty("state").GetString(), Is.EqualTo("Pending"));
            Assert.That(first.GetProperty("keyId").GetString(), Is.EqualTo(world.Keys.Current.Id));
            Assert.That(first.GetProperty("previousMac").GetString(), Is.EqualTo(AuditChain.Genesis));
            Assert.That(lines.Select(l => l.GetProperty("mac").GetString()), Is.EqualTo(records.Select(r => r.Mac)));
            Assert.That(stdout.Split('\n')[0], Does.Contain("\"pendingUntil\":\"2026-12-08T09:00:00+00:00\""), "readable for grep: '+' is not escaped");
        });
    }

    [Test]
    public async Task After_a_sequence_number_only_newer_records_are_written_for_an_incremental_shipper()
    {
        await world.CommitAsync(3);

        var (code, stdout, _) = await world.RunAsync("export", "--after", "7", "--db", world.DatabaseFile);
        var (none, nothing, _) = await world.RunAsync("export", "--after", "9", "--db", world.DatabaseFile);

        Assert.That(code, Is.Zero);
        Assert.That(Parse(stdout).Select(l => l.GetProperty("seq").GetInt64()), Is.EqualTo(new long[] { 8, 9 }));
        Assert.That(none, Is.Zero);
        Assert.That(nothing, Is.Empty);
    }

    [TestCase("2026-12-01T09:02:00Z")]
    [TestCase("2026-12-01T10:02:00+01:00")]
    public async Task Since_a_time_only_records_at_or_after_it_are_written(string since)
    {
        await world.CommitAsync(3);

        var (code, stdout, _) = await world.RunAsync("export", "--since", since, "--db", world.DatabaseFile);

        Assert.That(code, Is.Zero);
        Assert.That(Parse(stdout).Select(l => l.GetProperty("seq").GetInt64()), Is.EqualTo(new long[] { 4, 5, 6, 7, 8, 9 }));
    }

    [Test]
    public async Task Since_a_duration_counts_back_from_now()
    {
        await world.CommitAsync(3);

        // The world's clock stands at T0 + 1 day; 1443m before that is 08:57, 1438m is 09:02.
        var (all, everything, _) = await world.RunAsync("export", "--since", "1443m", "--db", world.DatabaseFile);
        var (some, later, _) = await world.RunAsync("export", "--since", "1438m", "--db", world.DatabaseFile);
        var (none, nothing, _) = await world.RunAsync("export", "--since", "1h", "--db", world.DatabaseFile);

        Assert.That((all, some, none), Is.EqualTo((0, 0, 0)));
        Assert.That(Parse(everything), Has.Count.EqualTo(9));
        Assert.That(Parse(later).Select(l => l.GetProperty("seq").GetInt64()), Is.EqualTo(new long[] { 4, 5, 6, 7, 8, 9 }));
        Assert.That(nothing, Is.Empty);
    }

    [TestCase("yesterday")]
    [TestCase("12")]
    [TestCase("-1h")]
    public async Task A_bad_since_is_one_usage_error_line_and_exit_1(string since)
    {
        var (code, stdout, stderr) = await world.RunAsync("export", "--since", since, "--db", world.DatabaseFile);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo(
            $"error: option '--since' must be an ISO-8601 time (2026-12-01T10:00:00Z) or a duration like 24h, 7d or 90m, not '{since}' (e.g. --since 24h); " +
            $"see 'chatopsjit audit export --help'{Environment.NewLine}"));
    }

    [TestCase("-1")]
    [TestCase("ten")]
    [TestCase("abc")]
    [TestCase("4.5")]
    public async Task A_bad_after_is_one_usage_error_line_and_exit_1(string after)
    {
        var (code, stdout, stderr) = await world.RunAsync("export", "--after", after, "--db", world.DatabaseFile);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.EqualTo(
            $"error: option '--after' must be a sequence number (0 or more), not '{after}' (e.g. --after 41); see 'chatopsjit audit export --help'{Environment.NewLine}"));
    }

    [Test]
    public async Task A_bad_value_is_reported_before_the_database_is_looked_for()
    {
        var missing = Path.Combine(world.Folder, "nope.db");

        var (code, _, stderr) = await world.RunAsync("export", "--after", "abc", "--db", missing);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("error: option '--after' must be a sequence number"));
    }

    [Test]
    public async Task Since_and_after_together_keep_the_records_that_pass_both()
    {
        await world.CommitAsync(3);

        var (code, stdout, stderr) = await world.RunAsync("export", "--since", "2026-12-01T09:02:00Z", "--after=5", "--db", world.DatabaseFile);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(Parse(stdout).Select(l => l.GetProperty("seq").GetInt64()), Is.EqualTo(new long[] { 6, 7, 8, 9 }));
    }

    [Test]
    public async Task A_row_whose_data_is_no_longer_json_is_still_exported_on_one_valid_line()
    {
        await world.CommitAsync(1);
        await world.SqlAsync("UPDATE audit_log SET data = 'not json' WHERE seq = 2;");

        var (code, stdout, _) = await world.RunAsync("export", "--db", world.DatabaseFile);

        Assert.That(code, Is.Zero);
        Assert.That(Parse(stdout)[1].GetProperty("data").GetString(), Is.EqualTo("not json"));
    }
}
