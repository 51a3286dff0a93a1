using ChatOpsJit.Storage.Postgres;
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
    public void A_connection_string_without_a_host_is_refused_with_an_example()
    {
        var e = Assert.Throws<ArgumentException>(() => _ = new PostgresDatabase("Username=chatopsjit;Database=chatopsjit"));

        Assert.That(e!.Message, Does.StartWith("the PostgreSQL connection string names no Host; for example Host=db;"));
    }
}
