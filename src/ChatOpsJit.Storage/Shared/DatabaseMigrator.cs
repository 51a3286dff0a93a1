using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.Storage;

/// <summary>Applies the store's migrations at start-up, before the workers and the server start.</summary>
public sealed class DatabaseMigrator(IMigratingDatabase database, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Database ready ({Applied} migration(s) applied)", applied);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
