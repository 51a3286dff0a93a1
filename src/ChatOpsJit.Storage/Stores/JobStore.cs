using System.Data.Common;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Scheduling;
using Dapper;

namespace ChatOpsJit.Storage;

/// <summary>Due work: written by transitions, claimed under a lease by any replica's scheduler; done jobs are deleted.</summary>
public sealed class JobStore(IStoreDatabase database) : IJobStore, IJobBacklog
{
    // Selecting and leasing in one statement inside the write transaction: no second claimer can see these rows as free.
    // In (due_at, id) order, the order of ix_jobs_due, so the scan stops at the limit.
    private readonly string _claimSql = $"""
        UPDATE jobs
        SET lease_until = @LeaseUntil, attempts = attempts + 1
        WHERE {database.Dialect.AmongSelected("id", $"""
            SELECT id FROM jobs
            WHERE due_at <= @Now
              AND (lease_until IS NULL OR lease_until <= @Now)
            ORDER BY due_at, id
            LIMIT @Max
            {database.Dialect.SkipLocked}
            """)}
        RETURNING id AS Id, request_id AS RequestId, kind AS Kind, due_at AS DueAt, attempts AS Attempts;
        """;

    /// <summary>The claim's statement, so its plan can be tested.</summary>
    internal string ClaimSql => _claimSql;

    // A leased job cannot be claimed before its lease ends, so that is when it is next "due" for a sleeping worker;
    // otherwise a worker would wake at once, over and over, for a job another replica is running. Two indexed reads
    // (the first free job by due time, the leased jobs) rather than one scan of every pending job: workers ask this
    // each time a commit wakes them.
    private readonly string _nextDueSql = $"""
        SELECT min(next) FROM (
            SELECT (SELECT due_at FROM jobs WHERE lease_until IS NULL ORDER BY due_at LIMIT 1) AS next
            UNION ALL
            SELECT min({database.Dialect.Greatest("due_at", "lease_until")}) FROM jobs WHERE lease_until IS NOT NULL) AS candidates;
        """;

    public Task<IReadOnlyList<DueJob>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var dialect = database.Dialect;
        return database.WriteAsync<IReadOnlyList<DueJob>>(async (connection, transaction) =>
        {
            var rows = await connection.QueryAsync<Row>(new CommandDefinition(
                _claimSql, new { Now = dialect.ToDb(now), LeaseUntil = dialect.ToDb(now + lease), Max = max },
                transaction, cancellationToken: cancellationToken));

            // RETURNING does not promise an order.
            return rows.Select(r => r.ToJob(dialect)).OrderBy(j => j.DueAt).ThenBy(j => j.Id).ToList();
        }, cancellationToken);
    }

    // Every claim increments attempts, so "attempts is still what I claimed" means "my lease was not taken over". A job
    // that is gone was cancelled by the very transition it made (an expiry cancels its request's expiry job), or by another
    // one meanwhile: nothing is left to complete, and nobody else holds it.
    public Task<bool> CompleteAsync(DueJob claimed, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) => database.Dialect == StoreDialect.Postgres
            // One round trip: the outer query's snapshot predates the CTE's delete, so "no such row" means gone before this.
            ? await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                """
                WITH deleted AS (DELETE FROM jobs WHERE id = @Id AND attempts = @Attempts RETURNING 1)
                SELECT EXISTS (SELECT 1 FROM deleted) OR NOT EXISTS (SELECT 1 FROM jobs WHERE id = @Id);
                """, new { claimed.Id, claimed.Attempts }, transaction, cancellationToken: cancellationToken))
            : await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM jobs WHERE id = @Id AND attempts = @Attempts;", new { claimed.Id, claimed.Attempts }, transaction,
                cancellationToken: cancellationToken)) == 1
            || await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT count(*) FROM jobs WHERE id = @Id;", new { claimed.Id }, transaction, cancellationToken: cancellationToken)) == 0,
            cancellationToken);

    public async Task<bool> RetryAsync(DueJob claimed, DateTimeOffset retryAt, string error, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE jobs SET due_at = @RetryAt, last_error = @Error, lease_until = NULL WHERE id = @Id AND attempts = @Attempts;",
            new { claimed.Id, claimed.Attempts, RetryAt = database.Dialect.ToDb(retryAt), Error = error }, transaction,
            cancellationToken: cancellationToken)), cancellationToken) == 1;

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
        {
            var next = await connection.ExecuteScalarAsync<object?>(new CommandDefinition(_nextDueSql, cancellationToken: cancellationToken));
            return next is null or DBNull ? (DateTimeOffset?)null : database.Dialect.FromDb(next);
        }, cancellationToken);

    /// <summary>How many jobs are due at <paramref name="now"/>, claimed or not: zero means no work is waiting to run. Read-only.</summary>
    public Task<long> CountDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM jobs WHERE due_at <= @Now;", new { Now = database.Dialect.ToDb(now) }, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Drops a request's pending jobs of the given kinds, claimed or not.</summary>
    internal static async Task CancelAsync(
        DbConnection connection, DbTransaction transaction, StoreDialect dialect, string requestId, IReadOnlyList<JobKind> kinds, CancellationToken cancellationToken)
    {
        if (kinds.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(CancelSql(dialect), CancelParameters(requestId, kinds), transaction, cancellationToken: cancellationToken));
        }
    }

    internal static async Task InsertAsync(
        DbConnection connection, DbTransaction transaction, StoreDialect dialect, IEnumerable<DueJob> jobs, DateTimeOffset eventAt, CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, InsertParameters(dialect, job, eventAt), transaction, cancellationToken: cancellationToken));
        }
    }

    // The statements themselves, for a provider that sends a transition's statements together (PostgresStatementBatch).
    internal static string CancelSql(StoreDialect dialect) => $"DELETE FROM jobs WHERE request_id = @RequestId AND {dialect.InList("kind", "@Kinds")};";

    internal static object CancelParameters(string requestId, IReadOnlyList<JobKind> kinds) =>
        new { RequestId = requestId, Kinds = kinds.Select(k => k.ToString()).Distinct().ToArray() };

    internal const string InsertSql = "INSERT INTO jobs (request_id, kind, created_at, due_at) VALUES (@RequestId, @Kind, @CreatedAt, @DueAt);";

    internal static object InsertParameters(StoreDialect dialect, DueJob job, DateTimeOffset eventAt) =>
        new { job.RequestId, Kind = job.Kind.ToString(), CreatedAt = dialect.ToDb(eventAt), DueAt = dialect.ToDb(job.DueAt) };

    private sealed class Row
    {
        public long Id { get; init; }
        public string RequestId { get; init; } = "";
        public string Kind { get; init; } = "";
        public long Attempts { get; init; }

        // Text in SQLite, a UTC DateTime in PostgreSQL: the dialect reads either.
        public object DueAt { get; init; } = "";

        public DueJob ToJob(StoreDialect dialect) => new(RequestId, Enum.Parse<JobKind>(Kind), dialect.FromDb(DueAt)) { Id = Id, Attempts = (int)Attempts };
    }
}
