using Dapper;

namespace ChatOpsJit.Storage;

/// <summary>The sandbox's simulated grants and sessions.</summary>
public sealed class SandboxGrantStore(IStoreDatabase database) : ISandboxGrantStore
{
    // Locking the grant row (PostgreSQL), two sessions started at once on one grant queue, so they get different numbers.
    private readonly string _liveGrantSql = $"""
        SELECT requester, (SELECT count(*) FROM sandbox_sessions s WHERE s.request_id = g.request_id)
        FROM sandbox_grants g WHERE request_id = @RequestId AND {database.Dialect.EqualsIgnoringCase("requester", "@Requester")} AND withdrawn_at IS NULL
        {database.Dialect.LockRows};
        """;

    public Task GrantAsync(string requestId, string nodeId, string requester, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sandbox_grants (request_id, node_id, requester, granted_at) VALUES (@RequestId, @NodeId, @Requester, @At)
            ON CONFLICT (request_id) DO NOTHING;
            """,
            new { RequestId = requestId, NodeId = nodeId, Requester = requester, At = database.Dialect.ToDb(at) }, transaction, cancellationToken: cancellationToken)),
            cancellationToken);

    public Task<string?> StartSessionAsync(string requestId, string requester, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var grant = await connection.QuerySingleOrDefaultAsync<(string Requester, long Sessions)?>(new CommandDefinition(
                _liveGrantSql,
                new { RequestId = requestId, Requester = requester }, transaction, cancellationToken: cancellationToken));
            if (grant is not { } live)
            {
                return null;
            }

            var id = $"{live.Requester.Split('@')[0]}-{requestId}-{live.Sessions + 1}";
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO sandbox_sessions (id, request_id, started_at) VALUES (@Id, @RequestId, @At);",
                new { Id = id, RequestId = requestId, At = database.Dialect.ToDb(at) }, transaction, cancellationToken: cancellationToken));
            return (string?)id;
        }, cancellationToken);

    private const string WithdrawGrantSql = "UPDATE sandbox_grants SET withdrawn_at = @At WHERE request_id = @RequestId AND withdrawn_at IS NULL";
    private const string EndSessionsSql = "UPDATE sandbox_sessions SET ended_at = @At WHERE request_id = @RequestId AND ended_at IS NULL";

    public Task<int> WithdrawAsync(string requestId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var parameters = new { RequestId = requestId, At = database.Dialect.ToDb(at) };
            if (database.Dialect == StoreDialect.Postgres)
            {
                // One round trip: the grant's update rides along as a CTE (the two touch different tables).
                return await connection.ExecuteAsync(new CommandDefinition(
                    $"WITH withdrawn AS ({WithdrawGrantSql}) {EndSessionsSql};", parameters, transaction, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition($"{WithdrawGrantSql};", parameters, transaction, cancellationToken: cancellationToken));
            return await connection.ExecuteAsync(new CommandDefinition($"{EndSessionsSql};", parameters, transaction, cancellationToken: cancellationToken));
        }, cancellationToken);

    public Task<SandboxGrantRecord?> FindAsync(string requestId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                """
                SELECT request_id AS RequestId, node_id AS NodeId, requester AS Requester, granted_at AS GrantedAt, withdrawn_at AS WithdrawnAt,
                       (SELECT count(*) FROM sandbox_sessions s WHERE s.request_id = g.request_id AND s.ended_at IS NULL) AS LiveSessions
                FROM sandbox_grants g WHERE request_id = @RequestId;
                """,
                new { RequestId = requestId }, cancellationToken: cancellationToken));
            return row?.ToRecord(database.Dialect);
        }, cancellationToken);

    // Properties, not a positional record: the times arrive as each provider's type, which Dapper's constructor matching refuses.
    private sealed class Row
    {
        public string RequestId { get; init; } = "";
        public string NodeId { get; init; } = "";
        public string Requester { get; init; } = "";
        public object GrantedAt { get; init; } = "";
        public object? WithdrawnAt { get; init; }
        public long LiveSessions { get; init; }

        public SandboxGrantRecord ToRecord(StoreDialect dialect) => new(RequestId, NodeId, Requester, dialect.FromDb(GrantedAt),
            WithdrawnAt is null ? null : dialect.FromDb(WithdrawnAt), (int)LiveSessions);
    }
}
