using ChatOpsJit.Core.Serialization;
using ChatOpsJit.Storage.Sqlite;

namespace ChatOpsJit.Storage.Tests.Sqlite;

public sealed class ConsoleTranscriptStoreTests : SqliteTestBase
{
    private ConsoleTranscriptStore transcript = null!;

    [SetUp]
    public void CreateStore() => transcript = new ConsoleTranscriptStore(Database);

    [Test]
    public async Task Appending_twice_with_the_same_idempotency_key_stores_one_message()
    {
        var first = await transcript.AppendAsync("#approvals", "card-1", "post-1", Build.Card("first"), T0);
        var again = await transcript.AppendAsync("#approvals", "card-1", "post-1", Build.Card("retry"), T0.AddSeconds(5));

        var entries = await transcript.ListAsync();
        Assert.That(first, Is.True);
        Assert.That(again, Is.False);
        Assert.That(entries.Select(e => e.Card.Title), Is.EqualTo(new[] { "first" }));
    }

    [Test]
    public async Task Messages_without_an_idempotency_key_are_always_appended()
    {
        Assert.That(await transcript.AppendAsync("dm:ann@example.com", null, null, Build.Card("a"), T0), Is.True);
        Assert.That(await transcript.AppendAsync("dm:ann@example.com", null, null, Build.Card("a"), T0), Is.True);

        Assert.That(await transcript.ListAsync(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Updating_a_card_key_changes_every_message_with_it_and_no_other()
    {
        await transcript.AppendAsync("#approvals", "card-1", "p1", Build.Card("pending"), T0);
        await transcript.AppendAsync("#approvers-2", "card-1", "p2", Build.Card("pending"), T0.AddSeconds(1));
        await transcript.AppendAsync("#approvals", "card-2", "p3", Build.Card("other"), T0.AddSeconds(2));

        var updated = await transcript.UpdateCardAsync("card-1", Build.Card("approved"), T0.AddMinutes(1));

        var entries = await transcript.ListAsync();
        Assert.That(updated, Is.True);
        Assert.That(entries.Select(e => (e.CardKey, e.Card.Title, e.Revision)), Is.EqualTo(new[]
        {
            ((string?)"card-1", "approved", 2), ("card-1", "approved", 2), ("card-2", "other", 1),
        }));
        Assert.That(entries[0].CreatedAt, Is.EqualTo(T0));
        Assert.That(entries[0].UpdatedAt, Is.EqualTo(T0.AddMinutes(1)));
        Assert.That(entries[2].UpdatedAt, Is.EqualTo(T0.AddSeconds(2)));
    }

    [Test]
    public async Task Updating_an_unknown_card_key_returns_false()
    {
        Assert.That(await transcript.UpdateCardAsync("card-404", Build.Card("x"), T0), Is.False);
    }

    [Test]
    public async Task Listing_keeps_posting_order_and_can_narrow_to_one_conversation()
    {
        await transcript.AppendAsync("#approvals", null, null, Build.Card("1"), T0.AddMinutes(5));
        await transcript.AppendAsync("dm:ann@example.com", null, null, Build.Card("2"), T0);
        await transcript.AppendAsync("#approvals", null, null, Build.Card("3"), T0.AddMinutes(1));

        var all = await transcript.ListAsync();
        var approvals = await transcript.ListAsync("#approvals");

        Assert.That(all.Select(e => e.Card.Title), Is.EqualTo(new[] { "1", "2", "3" }), "posting order, not the time argument");
        Assert.That(all.Select(e => e.Seq), Is.Ordered.Ascending.And.Unique);
        Assert.That(approvals.Select(e => e.Card.Title), Is.EqualTo(new[] { "1", "3" }));
        Assert.That(CoreJson.Serialize(all[1].Card), Is.EqualTo(CoreJson.Serialize(Build.Card("2"))));
    }

    [Test]
    public async Task Latest_change_grows_on_every_append_and_update_but_not_on_a_refused_one()
    {
        var start = await transcript.LatestChangeAsync();
        await transcript.AppendAsync("#approvals", "card-1", "p1", Build.Card("a"), T0);
        var afterAppend = await transcript.LatestChangeAsync();
        await transcript.AppendAsync("#approvals", "card-1", "p1", Build.Card("a"), T0);
        await transcript.UpdateCardAsync("card-404", Build.Card("x"), T0);
        var afterRefused = await transcript.LatestChangeAsync();
        await transcript.UpdateCardAsync("card-1", Build.Card("b"), T0);
        var afterUpdate = await transcript.LatestChangeAsync();

        Assert.That(afterAppend, Is.GreaterThan(start));
        Assert.That(afterRefused, Is.EqualTo(afterAppend));
        Assert.That(afterUpdate, Is.GreaterThan(afterAppend));
    }

    [Test]
    public async Task The_transcript_survives_a_restart_and_a_replayed_post_is_still_refused()
    {
        await transcript.AppendAsync("#approvals", "card-1", "p1", Build.Card("a"), T0);
        await transcript.UpdateCardAsync("card-1", Build.Card("b"), T0.AddMinutes(1));

        var restarted = new ConsoleTranscriptStore(await SqliteStore.OpenAsync(ConnectionString));

        Assert.That(await restarted.AppendAsync("#approvals", "card-1", "p1", Build.Card("a"), T0.AddMinutes(2)), Is.False);
        var entry = (await restarted.ListAsync()).Single();
        Assert.That((entry.Card.Title, entry.Revision), Is.EqualTo(("b", 2)));
    }
}
