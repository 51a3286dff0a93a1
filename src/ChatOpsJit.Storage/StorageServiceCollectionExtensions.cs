using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Storage.Audit;
using ChatOpsJit.Storage.Postgres;
using ChatOpsJit.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Storage;

/// <summary>Wires the store chosen by <c>Storage:Provider</c>: SQLite (the embedded default) or PostgreSQL.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidation>();
        // An unknown provider gets SQLite's services here; start-up validation refuses it before any of them runs.
        if (StorageOptions.IsPostgresConfigured(configuration))
        {
            AddPostgres(services);
        }
        else
        {
            AddSqlite(services);
        }

        // Written once against IStoreDatabase, so the same for either provider.
        services.AddSingleton<IJobStore, JobStore>();
        services.AddSingleton<IPostedMessageLedger, PostedMessageLedger>();
        services.AddSingleton<IConversationStore, ConversationStore>();
        services.AddSingleton<IConsoleTranscriptStore, ConsoleTranscriptStore>();
        services.AddSingleton<ISandboxGrantStore, SandboxGrantStore>();

        // Registered before any worker, so the migrations run first among the hosted services.
        services.AddHostedService<DatabaseMigrator>();
        // The audit key: Audit:Key, else the key ring file (beside the SQLite database, created on first start). Only key ids are ever logged.
        services.AddValidatedOptions<AuditOptions>(configuration, AuditOptions.Section);
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidation>();
        services.AddSingleton(sp => AuditKeys.Load(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<LoadedAuditKeys>().Ring);
        return services;
    }

    private static void AddSqlite(IServiceCollection services)
    {
        services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        services.AddSingleton<IMigratingDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IStoreDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IAccessRequestStore>(sp => new SqliteAccessRequestStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<AuditKeyRing>()));
        services.AddSingleton<IOutboxStore, SqliteOutboxStore>();
        services.AddSingleton<IAuditLog, SqliteAuditLog>();
    }

    private static void AddPostgres(IServiceCollection services)
    {
        services.AddSingleton(sp => new PostgresDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        services.AddSingleton<IMigratingDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<IStoreDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<IAccessRequestStore>(sp => new PostgresAccessRequestStore(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<AuditKeyRing>()));
        services.AddSingleton<IOutboxStore, PostgresOutboxStore>();
        services.AddSingleton<IAuditLog, PostgresAuditLog>();
    }
}
