using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOpsJit.Aws.Inventory;

/// <summary>Ready once the first listing finished: before it, no node can be found.</summary>
public sealed class InventoryHealthCheck(SsmInventory inventory) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(inventory.LoadedAt is { } at
            ? HealthCheckResult.Healthy($"{inventory.Count} managed nodes, listed {at:u}")
            : HealthCheckResult.Unhealthy("the managed nodes have not been listed yet"));
}
