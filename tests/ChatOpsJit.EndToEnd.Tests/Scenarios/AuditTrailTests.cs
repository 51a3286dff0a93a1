using ChatOpsJit.Cli.Commands;
using ChatOpsJit.Core.Requests;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.EndToEnd.Tests.Scenarios;

/// <summary>The real host keeps its audit key and anchors beside its database, so the operator's verify needs only --db.</summary>
[TestFixture]
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AuditTrailTests
{
    private static async Task<(int Code, string Out, string Err)> VerifyAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AuditCommands.RunAsync(["verify", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Test]
    public async Task The_host_writes_its_key_and_anchors_beside_the_database_verify_passes_with_only_db_and_fails_after_the_last_rows_are_deleted()
    {
        var options = new TestHostOptions { Logs = new LogCapture() };
        string id;
        await using (var host = await TestHost.StartAsync(options))
        {
            id = await Flow.RequestWeb1Async(host);
            var (_, body) = await host.ActionAsync(Flow.Approver, "approve", id);
            Assert.That(body.Ok, Is.True, body.Error);
            await Flow.WaitForStateAsync(host, id, AccessRequestState.Active);
        }

        var keyFile = Path.Combine(options.DataDirectory, "chatopsjit.audit-key");
        var anchorFile = Path.Combine(options.DataDirectory, "chatopsjit.audit-anchor");
        Assert.That(File.Exists(keyFile), Is.True, "the key ring beside the database");
        Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.ReadAllLines(anchorFile), Has.Length.GreaterThanOrEqualTo(1), "the head was anchored at shutdown");
        var secret = File.ReadAllLines(keyFile).Single(l => !l.StartsWith('#'));
        Assert.That(options.Logs.All, Does.Not.Contain(secret), "the key is never logged");
        Assert.That(options.Logs.All, Does.Contain("Audit records are sealed with key "));

        var (intact, stdout, stderr) = await VerifyAsync("--db", options.DatabaseFile, "--requests");
        Assert.That(intact, Is.Zero, stderr);
        Assert.That(stdout, Does.StartWith("audit chain intact: 3 records in 1 epoch(s)"));
        Assert.That(stdout, Does.Contain("last anchor: record 3 at ").And.Contain("requests: 1 row(s) match their last audit record"));

        await using (var connection = new SqliteConnection($"Data Source={options.DatabaseFile};Pooling=False"))
        {
            await connection.OpenAsync();
            var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM audit_log WHERE seq > 1";
            Assert.That(await delete.ExecuteNonQueryAsync(), Is.EqualTo(2));
        }

        var (broken, _, said) = await VerifyAsync("--db", options.DatabaseFile);
        Assert.That(broken, Is.EqualTo(AuditCommands.Broken));
        Assert.That(said, Does.StartWith("audit chain BROKEN at record 2: the log ends at record 1 but record 3 was anchored at ").And.Contain("records 2-3 are missing (truncated)"));
    }

    [Test]
    public async Task A_restarted_host_that_finds_its_log_truncated_says_so_and_still_starts()
    {
        var options = new TestHostOptions();
        await using (var host = await TestHost.StartAsync(options))
        {
            var id = await Flow.RequestWeb1Async(host);
            await host.ActionAsync(Flow.Approver, "approve", id);
            await Flow.WaitForStateAsync(host, id, AccessRequestState.Active);
        }

        await using (var connection = new SqliteConnection($"Data Source={options.DatabaseFile};Pooling=False"))
        {
            await connection.OpenAsync();
            var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM audit_log WHERE seq > 1";
            await delete.ExecuteNonQueryAsync();
        }

        options.Logs = new LogCapture();
        await using var again = await TestHost.StartAsync(options);

        Assert.That(options.Logs.Lines, Has.Some.Contains("The audit log ends at record 1 but record 3 was anchored at"));
        Assert.That((await again.Http.GetAsync("/healthz")).IsSuccessStatusCode, Is.True);
    }
}
