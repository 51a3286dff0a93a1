using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Storage.Audit;
using ChatOpsJit.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Storage;

/// <summary>Wires the store chosen by <c>Storage:Provider</c> (SQLite, the embedded default).</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        // Registered before any worker, so the migrations run first among the hosted services.
        services.AddHostedService<DatabaseMigrator>();
        // The audit key: Audit:Key, else the key ring beside the database (created on first start). Only key ids are ever logged.
        services.AddValidatedOptions<AuditOptions>(configuration, AuditOptions.Section);
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidation>();
        services.AddSingleton(sp => AuditKeys.Load(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value, sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        services.AddSingleton(sp => sp.GetRequiredService<LoadedAuditKeys>().Ring);
        services.AddSingleton<IAccessRequestStore>(sp => new SqliteAccessRequestStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<AuditKeyRing>()));
        services.AddSingleton<IOutboxStore, SqliteOutboxStore>();
        services.AddSingleton<IJobStore, SqliteJobStore>();
        services.AddSingleton<IPostedMessageLedger, SqlitePostedMessageLedger>();
        services.AddSingleton<IConversationStore, SqliteConversationStore>();
        services.AddSingleton<SqliteAuditLog>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteAuditLog>());
        return services;
    }
}
