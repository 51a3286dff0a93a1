using Dapper;

namespace ChatOpsJit.Storage.Postgres;

/// <summary>The sandbox's simulated grants and sessions in PostgreSQL.</summary>
public sealed class PostgresSandboxGrantStore(PostgresDatabase database) : ISandboxGrantStore
{
    public Task GrantAsync(string requestId, string nodeId, string requester, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sandbox_grants (request_id, node_id, requester, granted_at) VALUES (@RequestId, @NodeId, @Requester, @At)
            ON CONFLICT (request_id) DO NOTHING;
            """,
            new { RequestId = requestId, NodeId = nodeId, Requester = requester, At = PostgresTime.ToDb(at) }, transaction, cancellationToken: cancellationToken)),
            cancellationToken);

    public Task<string?> StartSessionAsync(string requestId, string requester, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            // FOR UPDATE: two sessions started at once on one grant queue here, so they get different numbers.
            var grant = await connection.QuerySingleOrDefaultAsync<(string Requester, long Sessions)?>(new CommandDefinition(
                """
                SELECT requester, (SELECT count(*) FROM sandbox_sessions s WHERE s.request_id = g.request_id)
                FROM sandbox_grants g WHERE request_id = @RequestId AND lower(requester) = lower(@Requester) AND withdrawn_at IS NULL
                FOR UPDATE;
                """,
                new { RequestId = requestId, Requester = requester }, transaction, cancellationToken: cancellationToken));
            if (grant is not { } live)
            {
                return null;
            }

            var id = $"{live.Requester.Split('@')[0]}-{requestId}-{live.Sessions + 1}";
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO sandbox_sessions (id, request_id, started_at) VALUES (@Id, @RequestId, @At);",
                new { Id = id, RequestId = requestId, At = PostgresTime.ToDb(at) }, transaction, cancellationToken: cancellationToken));
            return (string?)id;
        }, cancellationToken);

    public Task<int> WithdrawAsync(string requestId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var parameters = new { RequestId = requestId, At = PostgresTime.ToDb(at) };
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE sandbox_grants SET withdrawn_at = @At WHERE request_id = @RequestId AND withdrawn_at IS NULL;",
                parameters, transaction, cancellationToken: cancellationToken));
            return await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE sandbox_sessions SET ended_at = @At WHERE request_id = @RequestId AND ended_at IS NULL;",
                parameters, transaction, cancellationToken: cancellationToken));
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
            return row?.ToRecord();
        }, cancellationToken);

    private sealed record Row(string RequestId, string NodeId, string Requester, DateTime GrantedAt, DateTime? WithdrawnAt, long LiveSessions)
    {
        public SandboxGrantRecord ToRecord() => new(RequestId, NodeId, Requester, PostgresTime.FromDb(GrantedAt),
            WithdrawnAt is { } withdrawn ? PostgresTime.FromDb(withdrawn) : null, (int)LiveSessions);
    }
}
