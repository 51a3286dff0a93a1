using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Serialization;
using ChatOpsJit.Storage.Audit;
using ChatOpsJit.Storage.Shared;
using Dapper;
using Npgsql;

namespace ChatOpsJit.Storage.Postgres;

/// <summary>Access requests in PostgreSQL, changed only by whole transitions (request, audit, outbox and jobs in one transaction).</summary>
public sealed class PostgresAccessRequestStore : IAccessRequestStore
{
    private readonly PostgresDatabase database;
    private readonly AuditKeyRing? auditKeys;

    /// <param name="auditKeys">The keys that seal the audit records each transition writes.</param>
    public PostgresAccessRequestStore(PostgresDatabase database, AuditKeyRing auditKeys)
    {
        ArgumentNullException.ThrowIfNull(auditKeys);
        this.database = database;
        this.auditKeys = auditKeys;
    }

    /// <summary>A store for reading only (the operator's CLI): without an audit key it cannot commit.</summary>
    public PostgresAccessRequestStore(PostgresDatabase database) => this.database = database;

    public Task<bool> TryCommitAsync(Transition transition, CancellationToken cancellationToken = default)
    {
        TransitionRules.Validate(transition);
        var keys = auditKeys ?? throw new InvalidOperationException("this store was opened for reading only: committing needs the audit key ring");
        var json = CoreJson.Serialize(transition.Request);
        var audit = TransitionRules.Snapshot(transition, json);
        var outbox = OutboxInsert.Of(StoreDialect.Postgres, transition, audit.At);
        return database.WriteAsync(async (connection, transaction) =>
        {
            // One statement: the version check, and the audit, job and outbox rows only if it wrote. A lost race writes
            // nothing, and the insert uses ON CONFLICT DO NOTHING, so even a duplicate raises no error that would fail the
            // write. The chain's tail comes from the transaction, which took the audit lock when it began (PostgresDatabase):
            // no other replica appends before this record goes in.
            var tail = database.AuditTailOf(transaction);
            var records = await AuditAppender.SealAsync(connection, transaction, tail.Last, audit, keys, cancellationToken);
            var write = GuardedRequestWrite(transition, json);
            foreach (var record in records)
            {
                write.Insert(AuditAppender.InsertSql, AuditAppender.InsertParameters(record));
            }

            // Cancel before scheduling, so a transition may replace a job with a new one of the same kind (e.g. a later expiry).
            if (transition.CancelJobs.Count > 0)
            {
                write.Delete(JobStore.CancelSql(StoreDialect.Postgres), JobStore.CancelParameters(transition.Request.Id, transition.CancelJobs));
            }

            foreach (var job in transition.Jobs)
            {
                write.Insert(JobStore.InsertSql, JobStore.InsertParameters(StoreDialect.Postgres, job, audit.At));
            }

            // The messages name their cards, so the cards go in first (a transition's card is stored once: OutboxCards).
            foreach (var card in outbox.Cards)
            {
                write.Insert(OutboxCards.InsertSql, card);
            }

            foreach (var message in outbox.Messages)
            {
                write.Insert(OutboxRow.InsertSql, message);
            }

            if (!await write.ExecuteAsync(connection, transaction, cancellationToken))
            {
                return false;
            }

            var sealedLast = records[^1];
            tail.Last = new AuditAppender.LastLink { Seq = sealedLast.Sequence, Mac = sealedLast.Mac, KeyId = sealedLast.KeyId };
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

        // Only the filters that are set go into the WHERE clause, so PostgreSQL can use the matching index.
        var filters = new List<string>();
        if (query.State is not null) filters.Add("state = @State");
        if (query.RequesterEmail is not null) filters.Add("lower(requester_email) = lower(@RequesterEmail)");
        if (query.NodeId is not null) filters.Add("node_id = @NodeId");
        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
        var sql = $"SELECT json FROM access_requests {where} ORDER BY created_at DESC, row_order DESC LIMIT @Limit;";

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
                    "SELECT count(*) FROM access_requests WHERE false;", cancellationToken: cancellationToken)) == 0,
                cancellationToken);
        }
        catch (NpgsqlException)
        {
            // Readiness asks "does the store answer?": an unreachable or unmigrated database is a "no", not a crash.
            return false;
        }
    }

    /// <summary>
    /// Inserts (expected version 0) or compare-and-swaps the request row; writes nothing when another writer got there
    /// first, or (on insert) when the id exists or the requester already has an open request for the node.
    /// </summary>
    private static PostgresGuardedWrite GuardedRequestWrite(Transition transition, string json)
    {
        var request = transition.Request;
        var row = new
        {
            request.Id, State = request.State.ToString(), request.RequesterEmail, request.NodeId,
            CreatedAt = PostgresTime.ToDb(request.CreatedAt), request.Version, Json = json,
            transition.ExpectedVersion,
        };

        return new PostgresGuardedWrite(
            transition.ExpectedVersion == 0
                ? """
                  INSERT INTO access_requests (id, state, requester_email, node_id, created_at, version, json)
                  VALUES (@Id, @State, @RequesterEmail, @NodeId, @CreatedAt, @Version, @Json)
                  ON CONFLICT DO NOTHING
                  RETURNING 1
                  """
                : """
                  UPDATE access_requests
                  SET state = @State, requester_email = @RequesterEmail, node_id = @NodeId, created_at = @CreatedAt,
                      version = @Version, json = @Json
                  WHERE id = @Id AND version = @ExpectedVersion
                  RETURNING 1
                  """,
            row);
    }
}
