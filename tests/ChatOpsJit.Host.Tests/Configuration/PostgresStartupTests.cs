using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Configuration;
using ChatOpsJit.Storage;
using ChatOpsJit.Storage.Postgres;
using ChatOpsJit.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOpsJit.Host.Tests.Configuration;

/// <summary>The host on <c>Storage:Provider=postgres</c>: what start-up requires, and that every store is PostgreSQL's.</summary>
public sealed class PostgresStartupTests
{
    [Test]
    public void Postgres_without_an_audit_key_stops_start_up_with_one_line_naming_both_settings()
    {
        var e = Assert.Throws<StartupConfigurationException>(() =>
        {
            using var app = ChatOpsJitApp.Build(["--Storage:Provider=postgres", "--Storage:ConnectionString=Host=127.0.0.1;Database=chatopsjit", "--Logging:LogLevel:Default=None"]);
        });

        Assert.That(e!.Problems, Is.EqualTo(new[]
        {
            "Audit: with Storage:Provider=postgres set Audit:Key (base64, for example from Audit__Key) or Audit:KeyFile " +
            "(a key ring file every replica can read): there is no database file to keep the key beside.",
        }));
    }

    [Test]
    public async Task Storage_provider_postgres_wires_every_store_to_postgres_and_migrates_it_at_start_up()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        try
        {
            await using (var app = ChatOpsJitApp.Build([
                "--Storage:Provider=Postgres", $"--Storage:ConnectionString={connectionString}", "--Logging:LogLevel:Default=None",
                "--Audit:Key=" + Core.Audit.AuditKey.Generate().ToBase64()]))
            {
                var services = app.Services;
                Assert.Multiple(() =>
                {
                    Assert.That(services.GetRequiredService<IAccessRequestStore>(), Is.InstanceOf<PostgresAccessRequestStore>());
                    Assert.That(services.GetRequiredService<IOutboxStore>(), Is.InstanceOf<PostgresOutboxStore>());
                    Assert.That(services.GetRequiredService<IJobStore>(), Is.InstanceOf<JobStore>());
                    // The stores written once against IStoreDatabase run on whichever database it is.
                    Assert.That(services.GetRequiredService<IStoreDatabase>(), Is.SameAs(services.GetRequiredService<PostgresDatabase>()));
                    Assert.That(services.GetRequiredService<IPostedMessageLedger>(), Is.InstanceOf<PostedMessageLedger>());
                    Assert.That(services.GetRequiredService<IConversationStore>(), Is.InstanceOf<ConversationStore>());
                    Assert.That(services.GetRequiredService<IAuditLog>(), Is.InstanceOf<PostgresAuditLog>());
                    Assert.That(services.GetRequiredService<IConsoleTranscriptStore>(), Is.InstanceOf<ConsoleTranscriptStore>());
                    Assert.That(services.GetRequiredService<ISandboxGrantStore>(), Is.InstanceOf<SandboxGrantStore>());
                    Assert.That(services.GetRequiredService<IAuditAnchor>().Location, Is.EqualTo(Path.GetFullPath("./data/chatopsjit.audit-anchor")));
                });

                var database = services.GetRequiredService<PostgresDatabase>();
                Assert.That(await database.GetSchemaVersionAsync(), Is.Zero, "nothing is migrated before start-up");
                await services.GetServices<IHostedService>().OfType<DatabaseMigrator>().Single().StartAsync(CancellationToken.None);
                Assert.That(await database.GetSchemaVersionAsync(), Is.EqualTo(PostgresDatabase.LatestSchemaVersion));
                Assert.That(await services.GetRequiredService<IAccessRequestStore>().PingAsync(), Is.True);
            }
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }
}
