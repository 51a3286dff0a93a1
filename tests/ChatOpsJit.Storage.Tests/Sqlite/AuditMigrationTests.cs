using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Serialization;
using ChatOpsJit.Storage.Sqlite;
using ChatOpsJit.Storage.Sqlite.Migrations;
using Dapper;

namespace ChatOpsJit.Storage.Tests.Sqlite;

/// <summary>A database written before keyed MACs (schema 5, plain SHA-256 records) migrates, verifies, and continues keyed.</summary>
public sealed class AuditMigrationTests : SqliteTestBase
{
    /// <summary>A schema-5 database with a request and the three legacy records the old code wrote for it.</summary>
    private async Task<(SqliteDatabase Database, AccessRequest Request)> Version5Async()
    {
        var old = new SqliteDatabase($"Data Source={Path.Combine(Folder, "v5.db")}");
        var request = Build.Request("ar-00000001", T0) with { Version = 3, State = AccessRequestState.Active };
        await using var connection = await old.OpenConnectionAsync();
        await connection.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
        foreach (var migration in SqliteMigrations.All.Where(m => m.Version <= 5))
        {
            await connection.ExecuteAsync(migration.Sql);
            await connection.ExecuteAsync("INSERT INTO schema_migrations VALUES (@Version, @Name, 'x');", new { migration.Version, migration.Name });
        }

        await connection.ExecuteAsync(
            "INSERT INTO access_requests (id, state, requester_email, node_id, created_at, version, json) VALUES (@Id, 'Active', @RequesterEmail, @NodeId, 'x', 3, @Json);",
            new { request.Id, request.RequesterEmail, request.NodeId, Json = CoreJson.Serialize(request) });
        var previous = AuditChain.Genesis;
        var kinds = new[] { "request.submitted", "request.approved", "grant.issued" };
        for (var i = 1; i <= kinds.Length; i++)
        {
            // Exactly what AuditAppender wrote before keyed MACs: the old eight columns.
            var record = AuditChain.LegacyLink(i, new AuditEntry(request.Id, kinds[i - 1], "dev@example.com", T0.AddMinutes(i), "{}"), previous);
            await connection.ExecuteAsync(
                "INSERT INTO audit_log (seq, request_id, kind, actor, at, data, previous_hash, hash) VALUES (@Sequence, @RequestId, @Kind, @Actor, @At, @Data, @PreviousMac, @Mac);",
                new { record.Sequence, record.RequestId, record.Kind, record.Actor, At = SqliteTime.ToText(record.At), record.Data, record.PreviousMac, record.Mac });
            previous = record.Mac;
        }

        return (old, request);
    }

    private static async Task<List<AuditRecord>> ReadAsync(SqliteDatabase database)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in new SqliteAuditLog(database).ReadAsync())
        {
            records.Add(record);
        }

        return records;
    }

    [Test]
    public async Task A_version_5_database_can_be_read_before_migrating_and_its_records_are_legacy()
    {
        var (old, _) = await Version5Async();

        var records = await ReadAsync(old);

        Assert.That(records.Select(r => r.KeyId), Is.All.EqualTo(AuditChain.LegacyKeyId));
        Assert.That(AuditChain.Verify(records, []), Is.Null);
    }

    [Test]
    public async Task A_version_5_database_migrates_verifies_and_then_continues_in_keyed_epoch_1()
    {
        var (old, request) = await Version5Async();

        Assert.That(await old.MigrateAsync(), Is.EqualTo(SqliteDatabase.LatestSchemaVersion - 5));
        Assert.That(AuditChain.Verify(await ReadAsync(old), []), Is.Null, "the legacy records verify after the migration, keys or not");

        var next = Build.Next(request, AccessRequestState.Expired, T0.AddHours(1));
        Assert.That(await new SqliteAccessRequestStore(old, AuditKeys).TryCommitAsync(next), Is.True);
        var records = await ReadAsync(old);

        Assert.That(records.Select(r => (r.Sequence, r.Kind, r.KeyId)), Is.EqualTo(new[]
        {
            (1L, "request.submitted", "sha256"), (2L, "request.approved", "sha256"), (3L, "grant.issued", "sha256"),
            (4L, AuditKinds.KeyRotated, AuditKeys.Current.Id), (5L, "request.expired", AuditKeys.Current.Id),
        }));
        Assert.That(records[3].Data, Is.EqualTo($$"""{"from":"sha256","to":"{{AuditKeys.Current.Id}}","epoch":1}"""));
        Assert.That(records[3].PreviousMac, Is.EqualTo(records[2].Mac), "the first keyed record seals the legacy head");
        var verifier = new AuditVerifier(AuditKeys.All);
        Assert.That(records.Select(verifier.Add).ToList()[^1], Is.Null);
        Assert.That(verifier.Epochs.Select(e => (e.Number, e.First, e.Last)), Is.EqualTo(new[] { (0, 1L, 3L), (1, 4L, 5L) }));
    }

    [Test]
    public async Task After_the_migration_a_legacy_record_edited_and_rehashed_is_caught_by_the_keyed_record_after_it()
    {
        var (old, request) = await Version5Async();
        await old.MigrateAsync();
        await new SqliteAccessRequestStore(old, AuditKeys).TryCommitAsync(Build.Next(request, AccessRequestState.Expired, T0.AddHours(1)));

        // The legacy formula needs no key: an attacker can redo records 2 and 3, but not the rotation record that sealed 3.
        var records = await ReadAsync(old);
        var forged2 = AuditChain.LegacyLink(2, new AuditEntry(request.Id, "request.approved", "mallory@example.com", records[1].At, "{}"), records[0].Mac);
        var forged3 = AuditChain.LegacyLink(3, new AuditEntry(request.Id, "grant.issued", "dev@example.com", records[2].At, "{}"), forged2.Mac);
        await using (var connection = await old.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE audit_log SET actor = @Actor, hash = @Mac WHERE seq = 2;", new { forged2.Actor, forged2.Mac });
            await connection.ExecuteAsync("UPDATE audit_log SET previous_hash = @PreviousMac, hash = @Mac WHERE seq = 3;", new { forged3.PreviousMac, forged3.Mac });
        }

        Assert.That(AuditChain.Verify(await ReadAsync(old), AuditKeys.All), Is.EqualTo(new AuditBreak(4, "record 4 does not link to record 3")));
    }
}
