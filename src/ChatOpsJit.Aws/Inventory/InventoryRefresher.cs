using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Aws.Inventory;

/// <summary>Keeps the inventory fresh: lists at start-up, then every <see cref="AwsOptions.InventoryRefresh"/>.</summary>
public sealed class InventoryRefresher(SsmInventory inventory, IOptions<AwsOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.InventoryRefresh, time);
        do
        {
            try
            {
                await inventory.RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
