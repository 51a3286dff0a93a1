using Dapper;

namespace ChatOpsJit.Storage.Sqlite;

/// <summary>The sandbox's simulated grants and sessions in SQLite.</summary>
public sealed class SandboxGrantStore(SqliteDatabase database) : ISandboxGrantStore
{
    public Task GrantAsync(string requestId, string nodeId, string requester, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sandbox_grants (request_id, node_id, requester, granted_at) VALUES (@RequestId, @NodeId, @Requester, @At)
            ON CONFLICT (request_id) DO NOTHING;
            """,
            new { RequestId = requestId, NodeId = nodeId, Requester = requester, At = SqliteTime.ToText(at) }, transaction, cancellationToken: cancellationToken)),
            cancellationToken);

    public Task<string?> StartSessionAsync(string requestId, string requester, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var grant = await connection.QuerySingleOrDefaultAsync<(string Requester, long Sessions)?>(new CommandDefinition(
                """
                SELECT requester, (SELECT count(*) FROM sandbox_sessions s WHERE s.request_id = g.request_id)
                FROM sandbox_grants g WHERE request_id = @RequestId AND requester = @Requester COLLATE NOCASE AND withdrawn_at IS NULL;
                """,
                new { RequestId = requestId, Requester = requester }, transaction, cancellationToken: cancellationToken));
            if (grant is not { } live)
            {
                return null;
            }

            var id = $"{live.Requester.Split('@')[0]}-{requestId}-{live.Sessions + 1}";
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO sandbox_sessions (id, request_id, started_at) VALUES (@Id, @RequestId, @At);",
                new { Id = id, RequestId = requestId, At = SqliteTime.ToText(at) }, transaction, cancellationToken: cancellationToken));
            return (string?)id;
        }, cancellationToken);

    public Task<int> WithdrawAsync(string requestId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var parameters = new { RequestId = requestId, At = SqliteTime.ToText(at) };
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

    private sealed record Row(string RequestId, string NodeId, string Requester, string GrantedAt, string? WithdrawnAt, long LiveSessions)
    {
        public SandboxGrantRecord ToRecord() => new(RequestId, NodeId, Requester, SqliteTime.Parse(GrantedAt),
            WithdrawnAt is null ? null : SqliteTime.Parse(WithdrawnAt), (int)LiveSessions);
    }
}
