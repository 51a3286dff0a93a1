using ChatOpsJit.Core.Ports;
using ChatOpsJit.Storage;
using ChatOpsJit.Storage.Audit;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Host.Audit;

/// <summary>Wires the anchoring of the audit chain's head (the <c>Audit</c> section; its keys are wired with the store).</summary>
public static class AuditServiceCollectionExtensions
{
    /// <remarks>Call right after the store: the service then starts after the migrations and stops after the workers.</remarks>
    public static IServiceCollection AddAuditAnchoring(this IServiceCollection services)
    {
        services.AddSingleton<IAuditAnchor>(sp => new FileAuditAnchor(AuditPaths.AnchorFile(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value, sp.GetRequiredService<IOptions<StorageOptions>>().Value)));
        services.AddSingleton<AuditAnchorService>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditAnchorService>());
        return services;
    }
}
