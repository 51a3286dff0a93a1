using System.Data.Common;
using System.Threading.Channels;

namespace ChatOpsJit.Storage;

/// <summary>
/// Group commit: one writer runs the writes that arrive together in one transaction, and answers every caller only after
/// the commit that holds its rows.
/// </summary>
/// <remarks>
/// A commit is an fsync (SQLite) or a WAL flush (PostgreSQL); sharing it is what lets a burst of transitions cost one flush
/// instead of one each. A write that throws fails alone: the transaction is rolled back and the other writes run again,
/// without it, in a new one. So a write's work may run more than once and must change nothing outside its transaction.
/// A rerun costs only when a write fails, which is rare; a savepoint around every write cost two round trips to PostgreSQL
/// (two statements in SQLite) for each one. A commit that fails fails every write in it, and none of them is acknowledged.
/// The writer waits about a millisecond for company only when it would otherwise commit a single write, so a lone write is
/// barely delayed and a burst fills the batch while the last commit runs.
/// </remarks>
public sealed class GroupCommit<TConnection, TTransaction> : IAsyncDisposable
    where TConnection : DbConnection
    where TTransaction : DbTransaction
{
    private readonly Func<CancellationToken, Task<TConnection>> _open;
    private readonly Func<TConnection, CancellationToken, Task<TTransaction>> _begin;
    private readonly Channel<Write> _queue = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _writer;
    private long _commits;
    private long _writes;

    /// <param name="open">Opens a connection with the database's settings.</param>
    /// <param name="begin">Begins the write transaction (e.g. SQLite's BEGIN IMMEDIATE, which takes the write lock first).</param>
    public GroupCommit(
        Func<CancellationToken, Task<TConnection>> open,
        Func<TConnection, CancellationToken, Task<TTransaction>> begin,
        int maxBatch = 128,
        TimeSpan? linger = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        _open = open;
        _begin = begin;
        MaxBatch = maxBatch;
        Linger = linger ?? TimeSpan.FromMilliseconds(1);
        _writer = new Lazy<Task>(() => Task.Run(RunAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The most writes one commit holds.</summary>
    public int MaxBatch { get; }

    /// <summary>How long a lone write waits for others to share its commit.</summary>
    public TimeSpan Linger { get; }

    /// <summary>How many commits ran, and how many writes they made durable (for tests and benchmarks).</summary>
    public (long Commits, long Writes) Counts => (Interlocked.Read(ref _commits), Interlocked.Read(ref _writes));

    /// <summary>Runs <paramref name="work"/> in the next shared transaction; completes when that transaction has committed.</summary>
    /// <remarks><paramref name="work"/> may run more than once (another write in its transaction failed), so it must change only the database.</remarks>
    public async Task<T> WriteAsync<T>(Func<TConnection, TTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        var write = new Write(async (c, t) => await work(c, t).ConfigureAwait(false), cancellationToken);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(GroupCommit<TConnection, TTransaction>), "the store is shutting down");
        }

        _ = _writer.Value;
        return (T)(await write.Done.Task.ConfigureAwait(false))!;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        // Writes already queued still run: their callers are waiting for them. Starting the writer here if no write has
        // yet covers a write that was queued just before completion but had not started the writer.
        await _writer.Value.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Write>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            Drain(batch);
            if (batch.Count == 1 && Linger > TimeSpan.Zero)
            {
                await Task.Delay(Linger).ConfigureAwait(false);
                Drain(batch);
            }

            await CommitAsync(batch).ConfigureAwait(false);
        }
    }

    private void Drain(List<Write> batch)
    {
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
        {
            if (write.CancellationToken.IsCancellationRequested)
            {
                write.Done.TrySetCanceled(write.CancellationToken);
                continue;
            }

            batch.Add(write);
        }
    }

    private async Task CommitAsync(List<Write> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var results = new object?[batch.Count];
        var failures = new Exception?[batch.Count];
        // Each pass runs the writes not yet failed; a write that throws ends the pass, and the next one runs the rest again
        // in a fresh transaction. Passes end when one commits or none is left to run, so there are at most as many as writes.
        while (true)
        {
            var failedInPass = false;
            try
            {
                await using var connection = await _open(CancellationToken.None).ConfigureAwait(false);
                await using var transaction = await _begin(connection, CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < batch.Count && !failedInPass; i++)
                {
                    if (failures[i] is not null)
                    {
                        continue;
                    }

                    try
                    {
                        results[i] = await batch[i].Work(connection, transaction).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        failures[i] = e;
                        failedInPass = true;
                    }
                }

                if (!failedInPass)
                {
                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                // Opening, beginning or committing failed: nothing of this batch is durable, and every write fails with it.
                for (var i = 0; i < batch.Count; i++)
                {
                    Fail(batch[i], failures[i] ?? e);
                }

                return;
            }

            if (failedInPass)
            {
                // Disposing the transaction rolled the pass back: the failed write's rows and the others' are all gone.
                if (failures.All(f => f is not null))
                {
                    break;
                }

                continue;
            }

            Interlocked.Increment(ref _commits);
            break;
        }

        var committed = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                Fail(batch[i], failure);
            }
            else
            {
                committed++;
                batch[i].Done.TrySetResult(results[i]);
            }
        }

        Interlocked.Add(ref _writes, committed);
    }

    private static void Fail(Write write, Exception e)
    {
        if (e is OperationCanceledException canceled)
        {
            write.Done.TrySetCanceled(canceled.CancellationToken);
        }
        else
        {
            write.Done.TrySetException(e);
        }
    }

    private sealed class Write(Func<TConnection, TTransaction, Task<object?>> work, CancellationToken cancellationToken)
    {
        public Func<TConnection, TTransaction, Task<object?>> Work { get; } = work;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
