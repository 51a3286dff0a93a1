using ChatOpsJit.Core.Configuration;
using ChatOpsJit.Core.Ports;
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
        services.AddSingleton<IAccessRequestStore, SqliteAccessRequestStore>();
        services.AddSingleton<IOutboxStore, SqliteOutboxStore>();
        services.AddSingleton<IJobStore, SqliteJobStore>();
        services.AddSingleton<IAuditLog, SqliteAuditLog>();
        return services;
    }
}
