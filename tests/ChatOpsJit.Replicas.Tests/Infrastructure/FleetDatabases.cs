namespace ChatOpsJit.Replicas.Tests.Infrastructure;

/// <summary>Makes the fresh database a fleet shares: PostgreSQL, the store for several replicas.</summary>
public static class FleetDatabases
{
    public static async Task<FleetDatabase> CreateAsync() => await PostgresFleetDatabase.CreateAsync();
}
