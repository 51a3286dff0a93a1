namespace ChatOpsJit.Replicas.Tests.Infrastructure;

/// <summary>Makes the fresh database a fleet shares.</summary>
public static class FleetDatabases
{
    public static Task<FleetDatabase> CreateAsync(string folder) =>
        Task.FromResult<FleetDatabase>(new SqliteFleetDatabase(Path.Combine(folder, "chatopsjit.db")));
}
