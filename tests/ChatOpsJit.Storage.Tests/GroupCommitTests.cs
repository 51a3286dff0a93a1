using ChatOpsJit.Storage.Tests.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.Storage.Tests;

/// <summary>The group commit queue on its own: a failing write fails alone, a failing commit fails all, a cancelled write never runs.</summary>
public sealed class GroupCommitTests : SqliteTestBase
{
    [Test]
    public async Task A_write_that_throws_in_a_shared_commit_is_undone_alone_and_the_others_commit()
    {
        await using var queue = Queue();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = queue.WriteAsync(async (c, t) => { await gate.Task; return await InsertAsync(c, t, "first"); }, default);
        await WaitUntilQueuedAsync();

        // Queued while the first commit is held, so these three share the next one.
        var before = queue.WriteAsync((c, t) => InsertAsync(c, t, "before"), default);
        var failing = queue.WriteAsync<int>(async (c, t) =>
        {
            await InsertAsync(c, t, "half-done");
            throw new InvalidOperationException("refused halfway");
        }, default);
        var after = queue.WriteAsync((c, t) => InsertAsync(c, t, "after"), default);
        gate.SetResult();

        await holding;
        Assert.ThrowsAsync<InvalidOperationException>(async () => await failing);
        await Task.WhenAll(before, after);
        Assert.Multiple(async () =>
        {
            Assert.That(await NamesAsync(), Is.EquivalentTo(new[] { "first", "before", "after" }));
            Assert.That(queue.Counts, Is.EqualTo((2L, 3L)), "the two queued writes that succeeded shared one commit");
        });
    }

    [Test]
    public async Task A_commit_that_fails_fails_every_write_in_it_and_none_of_their_rows_remain()
    {
        await using var queue = Queue();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = queue.WriteAsync(async (c, t) => { await gate.Task; return await InsertAsync(c, t, "first"); }, default);
        await WaitUntilQueuedAsync();

        var innocent = queue.WriteAsync((c, t) => InsertAsync(c, t, "innocent"), default);
        // A deferred foreign key is checked at COMMIT, so this write succeeds on its own and makes the shared commit fail.
        var orphan = queue.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO children (parent) VALUES ('nobody');", transaction: t), default);
        gate.SetResult();

        await holding;
        Assert.Multiple(async () =>
        {
            Assert.ThrowsAsync<SqliteException>(async () => await innocent);
            Assert.ThrowsAsync<SqliteException>(async () => await orphan);
            Assert.That(await NamesAsync(), Is.EqualTo(new[] { "first" }));
            Assert.That(queue.Counts, Is.EqualTo((1L, 1L)), "the failed commit is not counted as one");
        });
    }

    [Test]
    public async Task A_write_cancelled_while_queued_never_runs()
    {
        await using var queue = Queue();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = queue.WriteAsync(async (c, t) => { await gate.Task; return await InsertAsync(c, t, "first"); }, default);
        await WaitUntilQueuedAsync();
        using var cancel = new CancellationTokenSource();

        var cancelled = queue.WriteAsync((c, t) => InsertAsync(c, t, "cancelled"), cancel.Token);
        cancel.Cancel();
        gate.SetResult();

        await holding;
        Assert.CatchAsync<OperationCanceledException>(async () => await cancelled);
        Assert.That(await NamesAsync(), Is.EqualTo(new[] { "first" }));
    }

    private string ScratchConnectionString => $"Data Source={Path.Combine(Folder, "data", "queue.db")};Foreign Keys=True";

    private GroupCommit<SqliteConnection, SqliteTransaction> Queue()
    {
        // NUnit keeps one fixture instance for all its tests.
        _queued = false;
        using (var setup = new SqliteConnection(ScratchConnectionString))
        {
            setup.Open();
            setup.Execute(
                """
                CREATE TABLE IF NOT EXISTS names (name TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS parents (id TEXT PRIMARY KEY);
                CREATE TABLE IF NOT EXISTS children (parent TEXT REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);
                """);
        }

        return new GroupCommit<SqliteConnection, SqliteTransaction>(
            async ct =>
            {
                var connection = new SqliteConnection(ScratchConnectionString);
                await connection.OpenAsync(ct);
                _queued = true;
                return connection;
            },
            (connection, _) => Task.FromResult(connection.BeginTransaction(deferred: false)));
    }

    private volatile bool _queued;

    // The first write's batch is formed (its connection is open), so later writes queue behind its commit.
    private async Task WaitUntilQueuedAsync()
    {
        for (var i = 0; i < 500 && !_queued; i++)
        {
            await Task.Delay(10);
        }

        Assert.That(_queued, Is.True, "the first write never started");
    }

    private static Task<int> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, string name) =>
        connection.ExecuteAsync("INSERT INTO names (name) VALUES (@Name);", new { Name = name }, transaction);

    private async Task<List<string>> NamesAsync()
    {
        await using var connection = new SqliteConnection(ScratchConnectionString);
        await connection.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT name FROM names ORDER BY rowid;")).ToList();
    }
}
