using ChatOpsJit.Core.Audit;

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
}
