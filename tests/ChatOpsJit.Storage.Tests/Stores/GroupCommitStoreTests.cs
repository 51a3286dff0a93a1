using System.Data.Common;
using ChatOpsJit.Core.Audit;
using Dapper;

namespace ChatOpsJit.Storage.Tests.Stores;

/// <summary>Transitions that arrive together share one commit, and nobody hears "done" before the commit that holds their rows.</summary>
[TestFixture(StorageOptions.Sqlite)]
[TestFixture(StorageOptions.Postgres)]
public sealed class GroupCommitStoreTests(string provider) : StoreTestBase(provider)
{
    [Test]
    public async Task Concurrent_transitions_share_commits_and_each_is_visible_to_another_connection_the_moment_it_is_answered()
    {
        var store = NewRequestStore();
        const int writers = 64;
        var invisible = 0;

        var committed = await RaceAsync(writers, async i =>
        {
            var request = Build.Request($"ar-{i:x8}", T0.AddSeconds(i));
            var ok = await store.TryCommitAsync(Build.Insert(request, [Build.Message(request.Id, "k" + i)]));
            // Read on a connection of its own right after the answer: an answer given before the commit would not see the row.
            if (await ScalarAsync<long>("SELECT count(*) FROM access_requests WHERE id = @Id;", new { request.Id }) != 1)
            {
                Interlocked.Increment(ref invisible);
            }

            return ok;
        });

        var (commits, writes) = CommitCounts;
        var chain = await NewAuditLog().ReadAsync().ToListAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(committed, Is.All.True);
            Assert.That(invisible, Is.Zero, "answers given before their commit");
            Assert.That(writes, Is.EqualTo(writers));
            Assert.That(commits, Is.LessThan(writers), "some writes shared a commit");
            Assert.That(await CountAsync("access_requests"), Is.EqualTo(writers));
            Assert.That(await CountAsync("outbox"), Is.EqualTo(writers));
            Assert.That(chain.Select(r => r.Sequence), Is.EqualTo(Enumerable.Range(1, writers).Select(n => (long)n)), "one gapless chain");
            Assert.That(AuditChain.Verify(chain, AuditKeys.All), Is.Null);
        });
    }

    [Test]
    public async Task A_write_that_fails_halfway_in_a_shared_commit_fails_alone_and_the_transitions_beside_it_commit()
    {
        var store = NewRequestStore();
        const int writers = 48;
        var outcomes = await RaceAsync(writers, async i =>
        {
            if (i % 8 == 3)
            {
                try
                {
                    // A row written, then a statement the database refuses; in PostgreSQL that aborts the whole shared transaction.
                    await Database.WriteAsync<int>(async (c, t) =>
                    {
                        await c.ExecuteAsync(
                            "INSERT INTO conversations (platform, key, value, updated_at) VALUES ('slack', @Key, 'v', @At);",
                            new { Key = "half-done-" + i, At = DbTime(T0) }, t);
                        return await c.ExecuteAsync("UPDATE no_such_table SET x = 1;", transaction: t);
                    }, default);
                    return "committed";
                }
                catch (DbException)
                {
                    return "failed";
                }
            }

            var request = Build.Request($"ar-{i:x8}", T0.AddSeconds(i));
            return await store.TryCommitAsync(Build.Insert(request, [Build.Message(request.Id, "k" + i)])) ? "ok" : "refused";
        });

        var (commits, writes) = CommitCounts;
        var chain = await NewAuditLog().ReadAsync().ToListAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(outcomes.Count(o => o == "failed"), Is.EqualTo(6));
            Assert.That(outcomes.Count(o => o == "ok"), Is.EqualTo(42));
            Assert.That(writes, Is.EqualTo(42), "only the writes that succeeded were made durable");
            Assert.That(commits, Is.LessThan(42), "some writes shared a commit");
            Assert.That(await CountAsync("conversations"), Is.Zero, "the failing writes' first rows were rolled back");
            Assert.That(await CountAsync("access_requests"), Is.EqualTo(42));
            Assert.That(await CountAsync("outbox"), Is.EqualTo(42));
            Assert.That(chain.Select(r => r.Sequence), Is.EqualTo(Enumerable.Range(1, 42).Select(n => (long)n)), "one gapless chain");
            Assert.That(AuditChain.Verify(chain, AuditKeys.All), Is.Null);
        });
    }
}
