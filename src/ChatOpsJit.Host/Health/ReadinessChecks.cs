using ChatOpsJit.Core.Ports;
using ChatOpsJit.Host.Policies;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOpsJit.Host.Health;

/// <summary>Ready when the store answers.</summary>
public sealed class StoreHealthCheck(IAccessRequestStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.PingAsync(cancellationToken).ConfigureAwait(false)
                ? HealthCheckResult.Healthy("store reachable")
                : HealthCheckResult.Unhealthy("store did not answer");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("store unreachable: " + e.Message);
        }
    }
}

/// <summary>Ready when a valid policy set is in force.</summary>
public sealed class PolicyHealthCheck(PolicyHolder policies) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(policies.IsLoaded
            ? HealthCheckResult.Healthy($"policies loaded ({policies.Current!.ManualPolicies.Count} manual, {policies.Current.StatementCount} Cedar statements)")
            : HealthCheckResult.Unhealthy("no valid policy set is loaded: " + (policies.LastError ?? "not loaded yet")));
}
