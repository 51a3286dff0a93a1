using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Serialization;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Storage.Tests.Stores;

[TestFixture(StorageOptions.Sqlite)]
[TestFixture(StorageOptions.Postgres)]
public sealed class ConsoleTranscriptStoreTests(string provider) : StoreTestBase(provider)
{
    private IConsoleTranscriptStore transcript = null!;

    [SetUp]
    public void CreateStore() => transcript = NewTranscript();

    [Test]
    public async Task Appending_twice_with_the_same_idempotency_key_stores_one_message_and_returns_its_number_both_times()
    {
        var first = await transcript.AppendAsync("#approvals", "post-1", Build.Card("first"), T0);
        var again = await transcript.AppendAsync("#approvals", "post-1", Build.Card("retry"), T0.AddSeconds(5));

        var entries = await transcript.ListAsync();
        Assert.That(again, Is.EqualTo(first), "a retried post finds the card it already made");
        Assert.That(entries.Select(e => (e.Seq, e.Card.Title)), Is.EqualTo(new[] { (first, "first") }));
    }

    [Test]
    public async Task Messages_without_an_idempotency_key_are_always_appended()
    {
        var a = await transcript.AppendAsync("dm:ann@example.com", null, Build.Card("a"), T0);
        var b = await transcript.AppendAsync("dm:ann@example.com", null, Build.Card("a"), T0);

        Assert.That(b, Is.Not.EqualTo(a));
        Assert.That(await transcript.ListAsync(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Updating_a_message_changes_it_and_no_other()
    {
        var one = await transcript.AppendAsync("#approvals", "p1", Build.Card("pending"), T0);
        await transcript.AppendAsync("#approvals", "p2", Build.Card("other"), T0.AddSeconds(2));

        var updated = await transcript.UpdateCardAsync(one, Build.Card("approved"), T0.AddMinutes(1));

        var entries = await transcript.ListAsync();
        Assert.That(updated, Is.True);
        Assert.That(entries.Select(e => (e.Card.Title, e.Revision)), Is.EqualTo(new[] { ("approved", 2), ("other", 1) }));
        Assert.That(entries[0].CreatedAt, Is.EqualTo(T0));
        Assert.That(entries[0].UpdatedAt, Is.EqualTo(T0.AddMinutes(1)));
        Assert.That(entries[1].UpdatedAt, Is.EqualTo(T0.AddSeconds(2)));
    }

    [Test]
    public async Task Updating_an_unknown_message_returns_false()
    {
        Assert.That(await transcript.UpdateCardAsync(404, Build.Card("x"), T0), Is.False);
    }

    [Test]
    public async Task A_sensitive_card_is_refused_and_nothing_is_written()
    {
        var secret = Build.Card("credentials") with { Code = "export AWS_SECRET_ACCESS_KEY=s3cr3t", Sensitive = true };

        Assert.ThrowsAsync<ArgumentException>(() => transcript.AppendAsync("dm:ann@example.com", "k", secret, T0));
        Assert.That(await transcript.ListAsync(), Is.Empty);
    }

    [Test]
    public async Task Listing_keeps_posting_order_and_can_narrow_to_one_conversation()
    {
        await transcript.AppendAsync("#approvals", null, Build.Card("1"), T0.AddMinutes(5));
        await transcript.AppendAsync("dm:ann@example.com", null, Build.Card("2"), T0);
        await transcript.AppendAsync("#approvals", null, Build.Card("3"), T0.AddMinutes(1));

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
        var seq = await transcript.AppendAsync("#approvals", "p1", Build.Card("a"), T0);
        var afterAppend = await transcript.LatestChangeAsync();
        await transcript.AppendAsync("#approvals", "p1", Build.Card("a"), T0);
        await transcript.UpdateCardAsync(404, Build.Card("x"), T0);
        var afterRefused = await transcript.LatestChangeAsync();
        await transcript.UpdateCardAsync(seq, Build.Card("b"), T0);
        var afterUpdate = await transcript.LatestChangeAsync();

        Assert.That(afterAppend, Is.GreaterThan(start));
        Assert.That(afterRefused, Is.EqualTo(afterAppend));
        Assert.That(afterUpdate, Is.GreaterThan(afterAppend));
    }

    [Test]
    public async Task The_transcript_survives_a_restart_and_a_replayed_post_is_still_not_added()
    {
        var seq = await transcript.AppendAsync("#approvals", "p1", Build.Card("a"), T0);
        await transcript.UpdateCardAsync(seq, Build.Card("b"), T0.AddMinutes(1));

        var restarted = await ReopenedTranscriptAsync();

        Assert.That(await restarted.AppendAsync("#approvals", "p1", Build.Card("a"), T0.AddMinutes(2)), Is.EqualTo(seq));
        var entry = (await restarted.ListAsync()).Single();
        Assert.That((entry.Card.Title, entry.Revision), Is.EqualTo(("b", 2)));
    }
}
