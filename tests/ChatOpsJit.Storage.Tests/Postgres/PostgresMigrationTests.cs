using ChatOpsJit.Storage.Postgres;
using ChatOpsJit.Storage.Postgres.Migrations;
using Dapper;

namespace ChatOpsJit.Storage.Tests.Postgres;

public sealed class PostgresMigrationTests : PostgresTestBase
{
    [Test]
    public async Task Replicas_migrating_at_the_same_moment_apply_each_migration_once()
    {
        var replicas = Enumerable.Range(0, 6).Select(_ => Replica()).ToArray();

        var applied = await RaceAsync(replicas.Length, i => replicas[i].MigrateAsync());

        Assert.That(applied.Sum(), Is.EqualTo(PostgresDatabase.LatestSchemaVersion), "every migration applied by exactly one replica");
        Assert.That(applied.Count(a => a > 0), Is.EqualTo(1), "the first to get the advisory lock did all of it");
        Assert.That(await QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version;"),
            Is.EqualTo(Enumerable.Range(1, PostgresDatabase.LatestSchemaVersion)));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM console_state;"), Is.EqualTo(1), "the seeding insert ran once");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database());"), Is.Zero, "no replica kept the lock");
    }

    [Test]
    public async Task Migrating_an_up_to_date_database_applies_nothing()
    {
        var database = Replica();
        Assert.That(await database.GetSchemaVersionAsync(), Is.Zero);

        Assert.That(await database.MigrateAsync(), Is.EqualTo(PostgresDatabase.LatestSchemaVersion));
        Assert.That(await database.MigrateAsync(), Is.Zero);
        Assert.That(await database.GetSchemaVersionAsync(), Is.EqualTo(PostgresDatabase.LatestSchemaVersion));
    }

    [Test]
    public async Task A_database_migrated_by_a_newer_build_is_refused_and_left_as_it_is()
    {
        var database = Replica();
        await database.MigrateAsync();
        var newer = PostgresDatabase.LatestSchemaVersion + 1;
        await using (var connection = await database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name) VALUES (@Newer, 'from_the_future');", new { Newer = newer });
        }

        var e = Assert.ThrowsAsync<SchemaTooNewException>(() => Replica().MigrateAsync());

        Assert.That(e!.DatabaseVersion, Is.EqualTo(newer));
        Assert.That(e.CodeVersion, Is.EqualTo(PostgresDatabase.LatestSchemaVersion));
        Assert.That(e.Message, Does.Contain($"version {newer}"));
        Assert.That(await database.GetSchemaVersionAsync(), Is.EqualTo(newer));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database());"), Is.Zero, "the refusal released the lock");
    }

    [Test]
    public async Task Schema_4_keeps_the_card_of_every_message_written_before_it_each_under_its_own_id()
    {
        var database = Replica();
        await using (var connection = await database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());");
            foreach (var migration in PostgresMigrations.All.Where(m => m.Version <= 3))
            {
                await connection.ExecuteAsync(migration.Sql);
                await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name) VALUES (@Version, @Name);", new { migration.Version, migration.Name });
            }

            // As schema 3 wrote them: every message with its own copy of its card, one of them already delivered.
            await connection.ExecuteAsync(
                """
                INSERT INTO outbox (request_id, request_version, kind, platform, recipient, card_key, card, idempotency_key, created_at, due_at, attempts, delivered_at)
                VALUES ('ar-00000001', 1, 'DirectMessage', 'slack', 'a@example.com', 'approver:a', '{"title":"for a"}', 'k1', @T0, @T0, 1, @T0),
                       ('ar-00000001', 1, 'DirectMessage', 'slack', 'b@example.com', 'approver:b', '{"title":"for b"}', 'k2', @T0, @T0, 0, NULL),
                       ('ar-00000001', 1, 'Email', NULL, 'b@example.com', NULL, '{"title":"for b"}', 'k3', @T0, @T0, 0, NULL);
                """, new { T0 = T0.UtcDateTime });
        }

        Assert.That(await database.MigrateAsync(), Is.EqualTo(PostgresDatabase.LatestSchemaVersion - 3));
        var claimed = await new PostgresOutboxStore(database).ClaimDueAsync(T0, 10, TimeSpan.FromMinutes(1));

        Assert.That(claimed.Select(m => (m.IdempotencyKey, m.Card.Title)), Is.EqualTo(new[] { ("k2", "for b"), ("k3", "for b") }));
        Assert.That(await QueryAsync<string>("SELECT card FROM outbox_cards ORDER BY id;"),
            Is.EqualTo(new[] { """{"title":"for a"}""", """{"title":"for b"}""", """{"title":"for b"}""" }), "the delivered message's card is kept too, for inspection");
    }

    [Test]
    public void A_connection_string_without_a_host_is_refused_with_an_example()
    {
        var e = Assert.Throws<ArgumentException>(() => _ = new PostgresDatabase("Username=chatopsjit;Database=chatopsjit"));

        Assert.That(e!.Message, Does.StartWith("the PostgreSQL connection string names no Host; for example Host=db;"));
    }

    [Test]
    public async Task A_statement_run_over_and_over_is_prepared_on_the_server_unless_the_connection_string_says_not_to()
    {
        Assert.That(await PreparedAfterRepeatsAsync(ConnectionString), Is.GreaterThan(0), "the store's default prepares it");
        Assert.That(await PreparedAfterRepeatsAsync(ConnectionString + ";Max Auto Prepare=0"), Is.Zero, "the connection string's own 0 wins");
    }

    [Test]
    public void The_store_defaults_fill_only_what_the_connection_string_leaves_unset()
    {
        var defaults = new Npgsql.NpgsqlConnectionStringBuilder(PostgresDatabase.WithStoreDefaults("Host=db;Username=u;Password=p"));
        var given = new Npgsql.NpgsqlConnectionStringBuilder(PostgresDatabase.WithStoreDefaults("Host=db;Username=u;Password=p;Max Auto Prepare=0;No Reset On Close=false"));

        Assert.Multiple(() =>
        {
            Assert.That((defaults.MaxAutoPrepare, defaults.NoResetOnClose), Is.EqualTo((PostgresDatabase.DefaultMaxAutoPrepare, true)));
            Assert.That((given.MaxAutoPrepare, given.NoResetOnClose), Is.EqualTo((0, false)));
            Assert.That((given.Host, given.Username, given.Password), Is.EqualTo(("db", "u", "p")), "the rest passes through");
        });
    }

    private static async Task<long> PreparedAfterRepeatsAsync(string connectionString)
    {
        await using var database = new PostgresDatabase(connectionString);
        await using var connection = await database.OpenConnectionAsync();
        for (var i = 0; i < 10; i++)
        {
            await connection.ExecuteScalarAsync<int>("SELECT 1 + @N;", new { N = i });
        }

        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_prepared_statements;");
    }
}
