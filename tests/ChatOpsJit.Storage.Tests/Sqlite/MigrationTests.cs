using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Storage.Sqlite;
using ChatOpsJit.Storage.Sqlite.Migrations;
using Dapper;

namespace ChatOpsJit.Storage.Tests.Sqlite;

public sealed class MigrationTests : SqliteTestBase
{
    [Test]
    public async Task A_fresh_database_gets_every_table_and_records_each_version()
    {
        var tables = await QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;");
        var versions = await QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version;");

        Assert.That(tables, Is.SupersetOf(new[] { "access_requests", "audit_log", "outbox", "jobs", "console_messages", "console_state", "schema_migrations" }));
        Assert.That(versions, Is.EqualTo(Enumerable.Range(1, SqliteDatabase.LatestSchemaVersion).Select(v => (long)v)));
        Assert.That(await Database.GetSchemaVersionAsync(), Is.EqualTo(SqliteDatabase.LatestSchemaVersion));
    }

    [Test]
    public async Task Migrating_again_applies_nothing_and_keeps_the_data()
    {
        await ExecuteAsync("INSERT INTO console_messages (conversation, card, created_at, updated_at, revision) VALUES ('c', '{}', 'x', 'x', 1);");

        var again = await Database.MigrateAsync();
        var reopened = await new SqliteDatabase(ConnectionString).MigrateAsync();

        Assert.That(again, Is.Zero);
        Assert.That(reopened, Is.Zero);
        Assert.That(await CountAsync("schema_migrations"), Is.EqualTo(SqliteDatabase.LatestSchemaVersion));
        Assert.That(await CountAsync("console_messages"), Is.EqualTo(1));
    }

    [Test]
    public async Task Migrating_a_new_file_reports_how_many_migrations_it_applied()
    {
        var database = new SqliteDatabase($"Data Source={Path.Combine(Folder, "other.db")}");

        Assert.That(await database.GetSchemaVersionAsync(), Is.Zero);
        Assert.That(await database.MigrateAsync(), Is.EqualTo(SqliteDatabase.LatestSchemaVersion));
        Assert.That(await database.GetSchemaVersionAsync(), Is.EqualTo(SqliteDatabase.LatestSchemaVersion));
    }

    [Test]
    public async Task Two_replicas_starting_together_apply_each_migration_once()
    {
        var path = Path.Combine(Folder, "race.db");

        var applied = await RaceAsync(4, _ => new SqliteDatabase($"Data Source={path}").MigrateAsync());

        Assert.That(applied.Sum(), Is.EqualTo(SqliteDatabase.LatestSchemaVersion));
        Assert.That(await new SqliteDatabase($"Data Source={path}").GetSchemaVersionAsync(), Is.EqualTo(SqliteDatabase.LatestSchemaVersion));
    }

    [Test]
    public async Task A_database_newer_than_the_code_is_refused_with_a_clear_error()
    {
        await ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x');");

        var error = Assert.ThrowsAsync<SqliteSchemaTooNewException>(() => Database.MigrateAsync());

        Assert.That(error!.DatabaseVersion, Is.EqualTo(999));
        Assert.That(error.CodeVersion, Is.EqualTo(SqliteDatabase.LatestSchemaVersion));
        Assert.That(error.Message, Does.Contain("version 999").And.Contain($"up to {SqliteDatabase.LatestSchemaVersion}"));
    }

    [Test]
    public async Task Opening_creates_the_missing_folder_and_switches_the_file_to_wal()
    {
        Assert.That(File.Exists(DatabasePath), Is.True, "SetUp opened data/test.db inside a folder that did not exist");
        Assert.That(await ScalarAsync<string>("PRAGMA journal_mode;"), Is.EqualTo("wal"));
    }

    [Test]
    public async Task Every_connection_waits_for_locks_as_long_as_the_connection_string_says()
    {
        var database = new SqliteDatabase(ConnectionString + ";Default Timeout=7");
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";

        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(7000L));
    }

    [TestCase("Data Source=:memory:")]
    [TestCase("Data Source=x;Mode=Memory")]
    [TestCase("")]
    public void A_database_without_a_file_is_refused(string connectionString)
    {
        Assert.Throws<ArgumentException>(() => _ = new SqliteDatabase(connectionString));
    }

    [Test]
    public async Task Ping_is_false_when_the_database_was_never_migrated()
    {
        var unmigrated = new SqliteDatabase($"Data Source={Path.Combine(Folder, "empty.db")}");

        Assert.That(await new SqliteAccessRequestStore(unmigrated).PingAsync(), Is.False);
        Assert.That(await new SqliteAccessRequestStore(Database).PingAsync(), Is.True);
    }

    [Test]
    public async Task Migration_5_keeps_finding_console_cards_posted_before_it_and_names_each_message_platform()
    {
        var old = await DatabaseAtVersionAsync(4);
        await using (var connection = await old.OpenConnectionAsync())
        {
            // As version 4 left them: a posted console card found by its key, an update of it and an email still to go.
            await connection.ExecuteAsync(
                """
                INSERT INTO console_messages (seq, conversation, card_key, idempotency_key, card, created_at, updated_at, revision)
                VALUES (7, 'channel:platform-approvals', 'approval:ar-00000001', 'ar-00000001:1:ChannelCard:console:platform-approvals', '{"title":"t"}', 'x', 'x', 1);
                INSERT INTO outbox (request_id, channel, kind, recipient, card_key, card, idempotency_key, created_at, due_at, attempts, delivered_at)
                VALUES ('ar-00000001', 'console', 'ChannelCard', 'platform-approvals', 'approval:ar-00000001', '{"title":"t"}',
                        'ar-00000001:1:ChannelCard:console:platform-approvals', '2025-03-01T09:00:00.0000000Z', '2025-03-01T09:00:00.0000000Z', 1, '2025-03-01T09:00:00.0000000Z'),
                       ('ar-00000001', 'console', 'CardUpdate', 'platform-approvals', 'approval:ar-00000001', '{"title":"approved"}',
                        'ar-00000001:12:CardUpdate:console:platform-approvals', '2025-03-01T09:00:00.0000000Z', '2025-03-01T09:00:00.0000000Z', 0, NULL),
                       ('ar-00000001', 'email', 'Email', 'dev@example.com', NULL, '{"title":"granted"}',
                        'ar-00000001:13:Email:email:dev@example.com', '2025-03-01T09:00:00.0000000Z', '2025-03-01T09:00:00.0000000Z', 0, NULL);
                """);
        }

        Assert.That(await old.MigrateAsync(), Is.EqualTo(SqliteDatabase.LatestSchemaVersion - 4));
        var claimed = await new SqliteOutboxStore(old).ClaimDueAsync(T0, 10, TimeSpan.FromMinutes(1));

        Assert.That(claimed.Select(m => (m.Kind, m.Platform, m.RequestVersion, m.Target)), Is.EqualTo(new[]
        {
            (NotificationKind.CardUpdate, (PlatformName?)PlatformName.Console, 12L, (PostedCard?)new PostedCard(new CardReference(PlatformName.Console, "platform-approvals", "7"), 0)),
            (NotificationKind.Email, null, 13L, null),
        }));
    }

    [Test]
    public async Task Migration_11_keeps_the_card_of_every_message_written_before_it_each_under_its_own_id()
    {
        var old = await DatabaseAtVersionAsync(10);
        await using (var connection = await old.OpenConnectionAsync())
        {
            // As version 10 wrote them: every message with its own copy of its card, one of them already delivered.
            await connection.ExecuteAsync(
                """
                INSERT INTO outbox (request_id, request_version, kind, platform, recipient, card_key, card, idempotency_key, created_at, due_at, attempts, delivered_at)
                VALUES ('ar-00000001', 1, 'DirectMessage', 'slack', 'a@example.com', 'approver:a', '{"title":"for a"}', 'k1', '2025-03-01T09:00:00.0000000Z', '2025-03-01T09:00:00.0000000Z', 1, '2025-03-01T09:00:00.0000000Z'),
                       ('ar-00000001', 1, 'DirectMessage', 'slack', 'b@example.com', 'approver:b', '{"title":"for b"}', 'k2', '2025-03-01T09:00:00.0000000Z', '2025-03-01T09:00:00.0000000Z', 0, NULL),
                       ('ar-00000001', 1, 'Email', NULL, 'b@example.com', NULL, '{"title":"for b"}', 'k3', '2025-03-01T09:00:00.0000000Z', '2025-03-01T09:00:00.0000000Z', 0, NULL);
                """);
        }

        Assert.That(await old.MigrateAsync(), Is.EqualTo(SqliteDatabase.LatestSchemaVersion - 10));
        var claimed = await new SqliteOutboxStore(old).ClaimDueAsync(T0, 10, TimeSpan.FromMinutes(1));

        Assert.That(claimed.Select(m => (m.IdempotencyKey, m.Card.Title)), Is.EqualTo(new[] { ("k2", "for b"), ("k3", "for b") }));
        await using var check = await old.OpenConnectionAsync();
        Assert.That(await check.QueryAsync<string>("SELECT card FROM outbox_cards ORDER BY id;"),
            Is.EqualTo(new[] { """{"title":"for a"}""", """{"title":"for b"}""", """{"title":"for b"}""" }), "the delivered message's card is kept too, for inspection");
    }

    /// <summary>A new database file migrated only up to <paramref name="version"/>, as a build of that time left it.</summary>
    private async Task<SqliteDatabase> DatabaseAtVersionAsync(int version)
    {
        var database = new SqliteDatabase($"Data Source={Path.Combine(Folder, $"v{version}.db")}");
        await using var connection = await database.OpenConnectionAsync();
        await connection.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
        foreach (var migration in SqliteMigrations.All.Where(m => m.Version <= version))
        {
            await connection.ExecuteAsync(migration.Sql);
            await connection.ExecuteAsync("INSERT INTO schema_migrations VALUES (@Version, @Name, 'x');", new { migration.Version, migration.Name });
        }

        return database;
    }
}
