using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Serialization;
using ChatOpsJit.Storage.Audit;
using ChatOpsJit.Storage.Shared;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Storage.Sqlite;

/// <summary>Access requests in SQLite, changed only by whole transitions (request, audit, outbox and jobs in one transaction).</summary>
public sealed class SqliteAccessRequestStore : IAccessRequestStore
{
    private readonly SqliteDatabase database;
    private readonly AuditKeyRing? auditKeys;

    /// <param name="auditKeys">The keys that seal the audit records each transition writes.</param>
    public SqliteAccessRequestStore(SqliteDatabase database, AuditKeyRing auditKeys)
    {
        ArgumentNullException.ThrowIfNull(auditKeys);
        this.database = database;
        this.auditKeys = auditKeys;
    }

    /// <summary>A store for reading only (the operator's CLI): without an audit key it cannot commit.</summary>
    public SqliteAccessRequestStore(SqliteDatabase database) => this.database = database;

    public Task<bool> TryCommitAsync(Transition transition, CancellationToken cancellationToken = default)
    {
        TransitionRules.Validate(transition);
        var keys = auditKeys ?? throw new InvalidOperationException("this store was opened for reading only: committing needs the audit key ring");
        var json = CoreJson.Serialize(transition.Request);
        var audit = TransitionRules.Snapshot(transition, json);
        var outbox = OutboxInsert.Of(StoreDialect.Sqlite, transition, audit.At);
        return database.WriteAsync(async (connection, transaction) =>
        {
            // The version check comes first and writes nothing when it fails, so a lost race leaves no audit, outbox or job
            // row behind, and the transaction (which may be shared with other writers' work) stays usable.
            if (!await WriteRequestAsync(connection, transaction, transition, json, cancellationToken))
            {
                return false;
            }

            var at = audit.At;
            await AuditAppender.AppendAsync(connection, transaction, audit, keys, cancellationToken);
            // Cancel before scheduling, so a transition may replace a job with a new one of the same kind (e.g. a later expiry).
            await JobStore.CancelAsync(connection, transaction, StoreDialect.Sqlite, transition.Request.Id, transition.CancelJobs, cancellationToken);
            await JobStore.InsertAsync(connection, transaction, StoreDialect.Sqlite, transition.Jobs, at, cancellationToken);
            await SqliteOutboxStore.InsertAsync(connection, transaction, outbox, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public Task<AccessRequest?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
        {
            var json = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                "SELECT json FROM access_requests WHERE id = @Id;", new { Id = id }, cancellationToken: cancellationToken));
            return json is null ? null : CoreJson.Deserialize<AccessRequest>(json);
        }, cancellationToken);

    public Task<IReadOnlyList<AccessRequest>> ListAsync(RequestQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);

        // Only the filters that are set go into the WHERE clause, so SQLite can use the matching index.
        var filters = new List<string>();
        if (query.State is not null) filters.Add("state = @State");
        if (query.RequesterEmail is not null) filters.Add("requester_email = @RequesterEmail");
        if (query.NodeId is not null) filters.Add("node_id = @NodeId");
        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
        var sql = $"SELECT json FROM access_requests {where} ORDER BY created_at DESC, rowid DESC LIMIT @Limit;";

        return database.ReadAsync<IReadOnlyList<AccessRequest>>(async connection =>
        {
            var rows = await connection.QueryAsync<string>(new CommandDefinition(
                sql, new { State = query.State?.ToString(), query.RequesterEmail, query.NodeId, query.Limit }, cancellationToken: cancellationToken));
            return rows.Select(CoreJson.Deserialize<AccessRequest>).ToList();
        }, cancellationToken);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await database.ReadAsync(
                async connection => await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM access_requests WHERE 0;", cancellationToken: cancellationToken)) == 0,
                cancellationToken);
        }
        catch (SqliteException)
        {
            // Readiness asks "does the store answer?": a locked, missing or unmigrated database is a "no", not a crash.
            return false;
        }
    }

    /// <summary>
    /// Inserts (expected version 0) or compare-and-swaps the request row; false when another writer got there first, or
    /// (on insert) when the id exists or the requester already has an open request for the node.
    /// </summary>
    private static async Task<bool> WriteRequestAsync(SqliteConnection connection, SqliteTransaction transaction, Transition transition, string json, CancellationToken cancellationToken)
    {
        var request = transition.Request;
        var row = new
        {
            request.Id, State = request.State.ToString(), request.RequesterEmail, request.NodeId,
            CreatedAt = SqliteTime.ToText(request.CreatedAt), request.Version, Json = json,
            transition.ExpectedVersion,
        };

        var sql = transition.ExpectedVersion == 0
            ? """
              INSERT INTO access_requests (id, state, requester_email, node_id, created_at, version, json)
              VALUES (@Id, @State, @RequesterEmail, @NodeId, @CreatedAt, @Version, @Json)
              ON CONFLICT DO NOTHING;
              """
            : """
              UPDATE access_requests
              SET state = @State, requester_email = @RequesterEmail, node_id = @NodeId, created_at = @CreatedAt,
                  version = @Version, json = @Json
              WHERE id = @Id AND version = @ExpectedVersion;
              """;
        return await connection.ExecuteAsync(new CommandDefinition(sql, row, transaction, cancellationToken: cancellationToken)) == 1;
    }
}
