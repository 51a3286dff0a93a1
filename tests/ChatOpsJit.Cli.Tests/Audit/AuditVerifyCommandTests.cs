using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Serialization;
using ChatOpsJit.Storage.Audit;

namespace ChatOpsJit.Cli.Tests.Audit;

/// <summary>
/// `chatopsjit audit verify` against real SQLite files, each attack made the way someone who can write the database but
/// does not hold the key would make it; every failure names the offending record.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AuditVerifyCommandTests
{
    private AuditWorld world = null!;

    [SetUp]
    public async Task Create() => world = await AuditWorld.CreateAsync();

    [TearDown]
    public async Task Delete() => await world.DisposeAsync();

    /// <summary>19 requests of 3 records: records 1-57, anchored at 57.</summary>
    private async Task<List<Core.Requests.AccessRequest>> FiftySevenAnchoredAsync()
    {
        var requests = await world.CommitAsync(19);
        await world.AnchorAsync();
        return requests;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Test]
    public async Task A_fresh_database_verifies()
    {
        var (code, stdout, stderr) = await world.VerifyAsync();

        Assert.That(code, Is.Zero, stderr);
        Assert.That(Lines(stdout), Is.EqualTo(new[]
        {
            "audit chain intact: 0 records",
            "head: none (the log is empty)",
            $"last anchor: none in '{world.AnchorFile}'",
            $"keys: no key file at '{world.KeyFile}' and no Audit__Key",
        }));
    }

    [Test]
    public async Task An_intact_anchored_log_verifies_with_no_flag_but_the_database()
    {
        var requests = await FiftySevenAnchoredAsync();
        var head = (await world.RecordsAsync())[^1];

        var (code, stdout, stderr) = await world.VerifyAsync("--requests");

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stderr, Is.Empty);
        Assert.That(Lines(stdout), Is.EqualTo(new[]
        {
            $"audit chain intact: 57 records in 1 epoch(s) (epoch 1, key {world.Keys.Current.Id}: records 1-57)",
            $"head: record 57 (grant.issued, {requests[^1].Id}) at 2026-12-01 09:19 UTC, MAC {head.Mac}",
            $"last anchor: record 57 at 2026-12-01 10:02 UTC (1 anchor(s) in '{world.AnchorFile}')",
            $"keys: key file '{world.KeyFile}'",
            "requests: 19 row(s) match their last audit record",
        }));
    }

    [Test]
    public async Task Truncating_the_last_rows_is_caught_by_the_anchor_naming_the_missing_records()
    {
        await FiftySevenAnchoredAsync();
        await world.SqlAsync("DELETE FROM audit_log WHERE seq > 41;");

        var (code, _, stderr) = await world.VerifyAsync();

        Assert.That(code, Is.EqualTo(2));
        Assert.That(Lines(stderr), Is.EqualTo(new[]
        {
            "audit chain BROKEN at record 42: the log ends at record 41 but record 57 was anchored at 2026-12-01 10:02 UTC: records 42-57 are missing (truncated)",
        }));
    }

    [Test]
    public async Task Truncating_after_records_newer_than_the_last_anchor_were_written_names_the_anchored_ones_as_missing()
    {
        await FiftySevenAnchoredAsync();
        await world.CommitAsync(2, first: 20);
        await world.SqlAsync("DELETE FROM audit_log WHERE seq > 50;");

        var (code, _, stderr) = await world.VerifyAsync();

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.StartWith("audit chain BROKEN at record 51: the log ends at record 50 but record 57 was anchored at 2026-12-01 10:02 UTC: records 51-57 are missing (truncated)"));
    }

    [Test]
    public async Task A_tail_rewritten_with_a_guessed_key_is_caught_at_the_first_rewritten_record()
    {
        await FiftySevenAnchoredAsync();
        var guessed = AuditKey.Generate();
        await world.RewriteFromAsync(30, "mallory@example.com", r => AuditChain.Mac(guessed, r));

        var (code, _, stderr) = await world.VerifyAsync();

        Assert.That(code, Is.EqualTo(2));
        Assert.That(Lines(stderr)[0], Is.EqualTo(
            $"audit chain BROKEN at record 30: record 30 (grant.issued, ar-0000000a) was changed after it was written (its MAC does not verify with key {world.Keys.Current.Id})"));
    }

    [Test]
    public async Task A_tail_rewritten_with_a_guessed_key_under_its_own_key_id_is_caught_at_the_first_rewritten_record()
    {
        await FiftySevenAnchoredAsync();
        var guessed = AuditKey.Generate();
        await world.RewriteFromAsync(30, "mallory@example.com", r => AuditChain.Mac(guessed, r), guessed.Id);

        var (code, _, stderr) = await world.VerifyAsync();

        Assert.That(code, Is.EqualTo(2));
        Assert.That(Lines(stderr)[0], Is.EqualTo(
            $"audit chain BROKEN at record 30: record 30 is sealed with key {guessed.Id}, which is not among the keys given (wrong key? pass --key-file)"));
        Assert.That(Lines(stderr)[1], Is.EqualTo($"(keys from key file '{world.KeyFile}': {world.Keys.Current.Id})"));
    }

    [TestCase(false, TestName = "A_tail_rewritten_with_plain_sha256_as_before_is_caught_at_the_first_rewritten_record")]
    [TestCase(true, TestName = "A_tail_rewritten_with_plain_sha256_and_marked_legacy_is_caught_at_the_first_rewritten_record")]
    public async Task A_tail_rewritten_with_plain_sha256(bool markedLegacy)
    {
        await FiftySevenAnchoredAsync();
        await world.RewriteFromAsync(30, "mallory@example.com",
            r => AuditChain.LegacyHash(r.Sequence, new AuditEntry(r.RequestId, r.Kind, r.Actor, r.At, r.Data), r.PreviousMac),
            markedLegacy ? AuditChain.LegacyKeyId : null);

        var (code, _, stderr) = await world.VerifyAsync();

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.StartWith(markedLegacy
            ? "audit chain BROKEN at record 30: record 30 (grant.issued, ar-0000000a) is a legacy (unkeyed SHA-256) record after keyed record 29"
            : "audit chain BROKEN at record 30: record 30 (grant.issued, ar-0000000a) was changed after it was written"));
    }

    [Test]
    public async Task A_whole_log_rewritten_as_legacy_sha256_records_is_caught_by_the_anchor()
    {
        await FiftySevenAnchoredAsync();
        // Every record redone with the old formula from record 1 on: a chain anyone can compute, consistent on its own.
        var previous = AuditChain.Genesis;
        foreach (var r in await world.RecordsAsync())
        {
            var forged = AuditChain.LegacyLink(r.Sequence, new AuditEntry(r.RequestId, r.Kind, r.Sequence == 30 ? "mallory@example.com" : r.Actor, r.At, r.Data), previous);
            await world.SqlAsync("UPDATE audit_log SET actor = @Actor, key_id = 'sha256', request = NULL, previous_hash = @PreviousMac, hash = @Mac WHERE seq = @Sequence;",
                new { forged.Actor, forged.PreviousMac, forged.Mac, forged.Sequence });
            previous = forged.Mac;
        }

        var (code, _, stderr) = await world.VerifyAsync();

        Assert.That(code, Is.EqualTo(2));
        Assert.That(Lines(stderr), Is.EqualTo(new[]
        {
            "audit chain BROKEN at record 57: record 57 does not match its anchor of 2026-12-01 10:02 UTC: the log was rewritten at or before record 57",
        }));
    }

    [Test]
    public async Task Deleting_the_anchor_file_of_a_keyed_log_is_not_passed_as_intact()
    {
        await FiftySevenAnchoredAsync();
        File.Delete(world.AnchorFile);
        await world.SqlAsync("DELETE FROM audit_log WHERE seq > 41;");

        var (code, _, stderr) = await world.VerifyAsync();

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.StartWith($"audit chain BROKEN at record 41: no anchor was found in '{world.AnchorFile}' although the log holds keyed records up to 41"));
    }

    [Test]
    public async Task An_anchor_line_edited_to_match_a_truncated_log_is_named_by_its_line_number()
    {
        await world.CommitAsync(5);
        await world.AnchorAsync();
        await world.CommitAsync(14, first: 6);
        await world.AnchorAsync();
        var records = await world.RecordsAsync();
        // The truncated log's new head written over the last anchor line, with the old seal: the seal no longer holds.
        var lines = File.ReadAllLines(world.AnchorFile);
        lines[1] = lines[1].Replace("\"seq\":57", "\"seq\":41", StringComparison.Ordinal).Replace(records[56].Mac, records[40].Mac, StringComparison.Ordinal);
        File.WriteAllLines(world.AnchorFile, lines);
        await world.SqlAsync("DELETE FROM audit_log WHERE seq > 41;");

        var (code, _, stderr) = await world.VerifyAsync();

        Assert.That(code, Is.EqualTo(2));
        Assert.That(Lines(stderr), Is.EqualTo(new[]
        {
            $"audit chain BROKEN at record 41: anchor line 2 of '{world.AnchorFile}' (record 41, 2026-12-01 10:02 UTC) does not verify with key {world.Keys.Current.Id}: the anchor was edited",
        }));
    }

    [Test]
    public async Task A_request_row_edited_behind_the_workflows_back_is_named_with_its_last_audit_record()
    {
        var requests = await FiftySevenAnchoredAsync();
        var revoked = await world.MoveAsync(requests[4], AccessRequestState.Revoked, AuditKinds.RequestRevoked, AuditWorld.T0.AddMinutes(30));
        await world.AnchorAsync();
        // Revoked access put back: the row says Active version 3 again, with a later expiry, columns and JSON consistent.
        var reopened = requests[4] with { ExpiresAt = AuditWorld.T0.AddDays(30) };
        await world.SqlAsync("UPDATE access_requests SET state = 'Active', version = 3, json = @Json WHERE id = @Id;", new { Json = AuditWorld.Json(reopened), reopened.Id });

        var (intact, _, _) = await world.VerifyAsync();
        var (code, stdout, stderr) = await world.VerifyAsync("--requests");

        Assert.That(intact, Is.Zero, "the chain itself was not touched");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stdout, Does.StartWith("audit chain intact: 58 records"));
        Assert.That(Lines(stderr), Is.EqualTo(new[]
        {
            $"requests BROKEN: request {revoked.Id} was edited outside the workflow: the row says Active version 3, its last audit record 58 says Revoked version 4",
        }));
    }

    [Test]
    public async Task Request_rows_edited_in_other_ways_are_each_named()
    {
        var requests = await FiftySevenAnchoredAsync();
        await world.SqlAsync("UPDATE access_requests SET json = @Json WHERE id = @Id;", new { Json = AuditWorld.Json(requests[0] with { RunAs = "root" }), requests[0].Id });
        await world.SqlAsync("UPDATE access_requests SET state = 'Expired' WHERE id = @Id;", new { requests[1].Id });
        await world.SqlAsync("DELETE FROM access_requests WHERE id = @Id;", new { requests[2].Id });
        var stranger = AuditWorld.Request(99) with { State = AccessRequestState.Active, Version = 3 };
        await world.SqlAsync("INSERT INTO access_requests (id, state, requester_email, node_id, created_at, version, json) VALUES (@Id, 'Active', @RequesterEmail, @NodeId, 'x', 3, @Json);",
            new { stranger.Id, stranger.RequesterEmail, stranger.NodeId, Json = AuditWorld.Json(stranger) });

        var (code, _, stderr) = await world.VerifyAsync("--requests");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(Lines(stderr), Is.EqualTo(new[]
        {
            "requests BROKEN: request ar-00000001 was edited outside the workflow: its JSON is not what its last audit record 3 sealed (same state, version and deadlines; another field was changed)",
            "requests BROKEN: request ar-00000002 was edited outside the workflow: its state column says Expired but its JSON says Active",
            "requests BROKEN: request ar-00000063 has no audit record: it was inserted outside the workflow",
            "requests BROKEN: request ar-00000003 has audit records (the last is record 9) but no row: it was deleted outside the workflow",
        }));
    }

    [Test]
    public async Task A_wrong_key_names_the_first_record_and_the_key_it_was_sealed_with()
    {
        await FiftySevenAnchoredAsync();
        var sealedWith = world.Keys.Current.Id;
        var other = Path.Combine(world.Folder, "other.audit-key");
        AuditKeyFile.ReadOrCreate(other);

        var (code, _, stderr) = await world.VerifyAsync("--key-file", other);
        world.Environment["Audit__Key"] = AuditKey.Generate().ToBase64();
        var (fromEnvironment, _, stderrEnvironment) = await world.VerifyAsync();

        Assert.That(code, Is.EqualTo(2));
        Assert.That(Lines(stderr)[0], Is.EqualTo(
            $"audit chain BROKEN at record 1: record 1 is sealed with key {sealedWith}, which is not among the keys given (wrong key? pass --key-file)"));
        Assert.That(fromEnvironment, Is.EqualTo(2));
        Assert.That(stderrEnvironment, Does.Contain($"is sealed with key {sealedWith}, which is not among the keys given"));
    }

    [Test]
    public async Task A_wrong_key_without_anchors_names_record_1()
    {
        await world.CommitAsync(3);
        var sealedWith = world.Keys.Current.Id;
        world.Environment["Audit__Key"] = AuditKey.Generate().ToBase64();

        var (code, _, stderr) = await world.VerifyAsync();

        Assert.That(code, Is.EqualTo(2));
        Assert.That(Lines(stderr)[0], Is.EqualTo(
            $"audit chain BROKEN at record 1: record 1 is sealed with key {sealedWith}, which is not among the keys given (wrong key? pass --key-file)"));
    }

    [Test]
    public async Task The_key_from_the_environment_verifies_as_the_host_reads_it()
    {
        await FiftySevenAnchoredAsync();
        world.Environment["Audit__Key"] = world.Keys.Current.ToBase64();
        File.Delete(world.KeyFile);

        var (code, stdout, stderr) = await world.VerifyAsync();

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("keys: Audit__Key"));
    }

    [Test]
    public async Task A_chain_across_a_rotation_verifies_with_both_keys_and_without_the_retired_one_names_the_first_old_record()
    {
        await world.CommitAsync(5);
        var old = world.Keys.Current;
        var (rotated, rotateOut, _) = await world.RunAsync("rotate-key", "--db", world.DatabaseFile);
        var current = world.Keys.Current;
        await world.CommitAsync(3, first: 6);
        await world.AnchorAsync();
        var records = await world.RecordsAsync();

        var (code, stdout, stderr) = await world.VerifyAsync("--requests");
        world.Environment["Audit__Key"] = current.ToBase64();
        var (withoutOld, _, stderrWithoutOld) = await world.VerifyAsync();
        world.Environment["Audit__RetiredKeys__0"] = old.ToBase64();
        var (withRetired, _, _) = await world.VerifyAsync();

        Assert.That(rotated, Is.Zero);
        Assert.That(rotateOut, Does.StartWith($"new audit key {current.Id} appended to '{world.KeyFile}' (2 keys in the ring)"));
        Assert.That(records[15].Kind, Is.EqualTo(AuditKinds.KeyRotated));
        Assert.That(records[15].Data, Is.EqualTo($$"""{"from":"{{old.Id}}","to":"{{current.Id}}","epoch":2}"""));
        Assert.That(code, Is.Zero, stderr);
        Assert.That(Lines(stdout)[0], Is.EqualTo($"audit chain intact: 25 records in 2 epoch(s) (epoch 1, key {old.Id}: records 1-15; epoch 2, key {current.Id}: records 16-25)"));
        Assert.That(withoutOld, Is.EqualTo(2));
        Assert.That(Lines(stderrWithoutOld)[0], Is.EqualTo(
            $"audit chain BROKEN at record 1: record 1 is sealed with key {old.Id}, which is not among the keys given (wrong key? pass --key-file)"));
        Assert.That(withRetired, Is.Zero);
    }

    [Test]
    public async Task A_key_switch_without_its_rotation_record_is_caught_even_by_someone_holding_both_keys()
    {
        await world.CommitAsync(5);
        var old = world.Keys.Current;
        await world.RunAsync("rotate-key", "--db", world.DatabaseFile);
        var current = world.Keys.Current;
        await world.CommitAsync(3, first: 6);
        // The rotation record (16) removed and records 17-25 renumbered and resealed with the new key: every MAC is right.
        await world.SqlAsync("DELETE FROM audit_log WHERE seq = 16; UPDATE audit_log SET seq = seq - 1 WHERE seq > 16;");
        await world.RewriteFromAsync(16, "dev@example.com", r => AuditChain.Mac(current, r));
        await world.AnchorAsync();

        var (code, _, stderr) = await world.VerifyAsync();

        Assert.That(code, Is.EqualTo(2));
        Assert.That(Lines(stderr)[0], Is.EqualTo(
            $"audit chain BROKEN at record 16: record 16 (request.submitted, ar-00000006) is sealed with key {current.Id} but record 15 with key {old.Id}: " +
            "the key changes only at an audit.key-rotated record (a forged key switch?)"));
    }

    [Test]
    public async Task A_version_5_database_with_legacy_records_verifies_without_a_key()
    {
        await world.SqlAsync("DELETE FROM schema_migrations WHERE version = 6; ALTER TABLE audit_log DROP COLUMN key_id; ALTER TABLE audit_log DROP COLUMN request;");
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= 3; i++)
        {
            var record = AuditChain.LegacyLink(i, new AuditEntry("ar-00000001", "request.submitted", "dev@example.com", AuditWorld.T0.AddMinutes(i), "{}"), previous);
            await world.SqlAsync("INSERT INTO audit_log (seq, request_id, kind, actor, at, data, previous_hash, hash) VALUES (@Sequence, @RequestId, @Kind, @Actor, @At, @Data, @PreviousMac, @Mac);",
                new { record.Sequence, record.RequestId, record.Kind, record.Actor, At = record.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture), record.Data, record.PreviousMac, record.Mac });
            previous = record.Mac;
        }

        var (code, stdout, stderr) = await world.VerifyAsync();

        Assert.That(code, Is.Zero, stderr);
        Assert.That(Lines(stdout)[0], Is.EqualTo("audit chain intact: 3 records in 1 epoch(s) (legacy sha256: records 1-3)"));
        Assert.That(stdout, Does.Contain("note: 3 legacy record(s) (unkeyed SHA-256, from before keyed MACs) are protected only by the keyed records after them and by the anchors"));
    }

    [Test]
    public async Task Bad_input_is_one_error_line_and_exit_1()
    {
        await world.CommitAsync(1);
        var missing = Path.Combine(world.Folder, "nope.db");
        var cases = new List<((int, string, string) Run, string Expected)>
        {
            (await world.RunAsync("verify", "--db", missing), $"error: database file '{missing}' does not exist"),
            (await world.VerifyAsync("--key-file", "/nonexistent/key"), "error: key file '/nonexistent/key' does not exist"),
            (await world.VerifyAsync("--anchor-file", "/nonexistent/anchors"), "error: anchor file '/nonexistent/anchors' does not exist"),
        };
        world.Environment["Audit__RetiredKeys__0"] = "c2hvcnQ=";
        cases.Add((await world.VerifyAsync(), "error: Audit__RetiredKeys__0: the value is 5 bytes; an audit key needs at least 32 random bytes (make one with: openssl rand -base64 32)"));
        world.Environment.Clear();
        File.SetUnixFileMode(world.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        cases.Add((await world.VerifyAsync(), $"error: '{world.KeyFile}' is open to group or others (mode 640); a key file must be readable by its owner only: run chmod 600 '{world.KeyFile}'"));

        Assert.Multiple(() =>
        {
            foreach (var ((code, stdout, stderr), expected) in cases)
            {
                Assert.That(code, Is.EqualTo(1), stderr);
                Assert.That(Lines(stderr), Is.EqualTo(new[] { expected }));
                Assert.That(stdout, Is.Empty);
            }
        });
    }

    [Test]
    public async Task The_key_never_appears_in_any_output()
    {
        await FiftySevenAnchoredAsync();
        var secret = world.Keys.Current.ToBase64();
        await world.SqlAsync("DELETE FROM audit_log WHERE seq > 41;");

        var outputs = new[] { await world.VerifyAsync(), await world.VerifyAsync("--requests"), await world.RunAsync("export", "--db", world.DatabaseFile), await world.RunAsync("rotate-key", "--db", world.DatabaseFile) };

        Assert.That(outputs.Select(o => o.Out + o.Err), Has.None.Contains(secret));
        Assert.That(outputs.Select(o => o.Out + o.Err), Has.None.Contains(world.Keys.Current.ToBase64()));
    }
}
