using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Scheduling;
using ChatOpsJit.Storage.Shared;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Storage.Sqlite;

/// <summary>Due work in SQLite: written by transitions, claimed under a lease by the scheduler; done jobs are deleted.</summary>
public sealed class SqliteJobStore(SqliteDatabase database) : IJobStore, IJobBacklog
{
    public Task<IReadOnlyList<DueJob>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return database.WriteAsync<IReadOnlyList<DueJob>>(async (connection, transaction) =>
        {
            // Selecting and leasing in one statement under the write lock: no second claimer can see these rows as free.
            var rows = await connection.QueryAsync<Row>(new CommandDefinition(
                """
                UPDATE jobs
                SET lease_until = @LeaseUntil, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM jobs
                    WHERE due_at <= @Now
                      AND (lease_until IS NULL OR lease_until <= @Now)
                    ORDER BY due_at, id
                    LIMIT @Max)
                RETURNING id AS Id, request_id AS RequestId, kind AS Kind, due_at AS DueAt, attempts AS Attempts;
                """,
                new { Now = SqliteTime.ToText(now), LeaseUntil = SqliteTime.ToText(now + lease), Max = max },
                transaction, cancellationToken: cancellationToken));

            // RETURNING does not promise an order; the text form of due_at sorts like the time.
            return rows.OrderBy(r => r.DueAt, StringComparer.Ordinal).ThenBy(r => r.Id).Select(r => r.ToJob()).ToList();
        }, cancellationToken);
    }

    // Every claim increments attempts, so "attempts is still what I claimed" means "my lease was not taken over".
    public async Task<bool> CompleteAsync(DueJob claimed, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM jobs WHERE id = @Id AND attempts = @Attempts;", new { claimed.Id, claimed.Attempts }, transaction,
            cancellationToken: cancellationToken)), cancellationToken) == 1;

    public async Task<bool> RetryAsync(DueJob claimed, DateTimeOffset retryAt, string error, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE jobs SET due_at = @RetryAt, last_error = @Error, lease_until = NULL WHERE id = @Id AND attempts = @Attempts;",
            new { claimed.Id, claimed.Attempts, RetryAt = SqliteTime.ToText(retryAt), Error = error }, transaction,
            cancellationToken: cancellationToken)), cancellationToken) == 1;

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
        {
            // A leased job cannot be claimed before its lease ends, so that is when it is next "due" for a sleeping worker;
            // otherwise a worker would wake at once, over and over, for a job another replica is running.
            var next = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT min(max(due_at, coalesce(lease_until, due_at))) FROM jobs;", cancellationToken: cancellationToken));
            return next is null ? (DateTimeOffset?)null : SqliteTime.Parse(next);
        }, cancellationToken);

    /// <summary>How many jobs are due at <paramref name="now"/>, claimed or not: zero means no work is waiting to run. Read-only.</summary>
    public Task<long> CountDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM jobs WHERE due_at <= @Now;", new { Now = SqliteTime.ToText(now) }, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Drops a request's pending jobs of the given kinds, claimed or not.</summary>
    internal static async Task CancelAsync(
        SqliteConnection connection, SqliteTransaction transaction, string requestId, IReadOnlyList<JobKind> kinds, CancellationToken cancellationToken)
    {
        if (kinds.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM jobs WHERE request_id = @RequestId AND kind IN @Kinds;",
            new { RequestId = requestId, Kinds = kinds.Select(k => k.ToString()).Distinct().ToArray() },
            transaction, cancellationToken: cancellationToken));
    }

    internal static async Task InsertAsync(
        SqliteConnection connection, SqliteTransaction transaction, IEnumerable<DueJob> jobs, DateTimeOffset eventAt, CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO jobs (request_id, kind, created_at, due_at) VALUES (@RequestId, @Kind, @CreatedAt, @DueAt);",
                new { job.RequestId, Kind = job.Kind.ToString(), CreatedAt = SqliteTime.ToText(eventAt), DueAt = SqliteTime.ToText(job.DueAt) },
                transaction, cancellationToken: cancellationToken));
        }
    }

    private sealed class Row : JobRow
    {
        public string DueAt { get; init; } = "";

        public override DateTimeOffset Due => SqliteTime.Parse(DueAt);
    }
}
