using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Ports;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Storage.Tests.Stores;

[TestFixture(StorageOptions.Sqlite)]
[TestFixture(StorageOptions.Postgres)]
public sealed class PostedMessageLedgerTests(string provider) : StoreTestBase(provider)
{
    private IPostedMessageLedger ledger = null!;

    [SetUp]
    public void CreateLedger() => ledger = NewLedger(new FakeTimeProvider(T0));

    [Test]
    public async Task A_recorded_post_is_found_by_its_platform_and_key_and_nothing_else()
    {
        await ledger.RecordAsync("r1:3:ChannelCard:slack:approval:r1", new CardReference(PlatformName.Slack, "C0APPROVE", "1700000000.000100"));

        Assert.That(await ledger.FindAsync(PlatformName.Slack, "r1:3:ChannelCard:slack:approval:r1"),
            Is.EqualTo(new CardReference(PlatformName.Slack, "C0APPROVE", "1700000000.000100")));
        Assert.That(await ledger.FindAsync(PlatformName.Teams, "r1:3:ChannelCard:slack:approval:r1"), Is.Null, "another platform's post is its own");
        Assert.That(await ledger.FindAsync(PlatformName.Slack, "r1:4:ChannelCard:slack:approval:r1"), Is.Null);
    }

    [Test]
    public async Task Recording_a_key_again_keeps_the_first_post_so_every_retry_answers_with_the_same_message()
    {
        await ledger.RecordAsync("k", new CardReference(PlatformName.Slack, "D1", "1.1"));
        await ledger.RecordAsync("k", new CardReference(PlatformName.Slack, "D1", "2.2"));

        Assert.That((await ledger.FindAsync(PlatformName.Slack, "k"))!.MessageId, Is.EqualTo("1.1"));
        Assert.That(await CountAsync("posted_messages"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_recorded_post_survives_reopening_the_database()
    {
        await ledger.RecordAsync("k", new CardReference(PlatformName.Slack, "C1", "9.9"));

        var reopened = await ReopenedLedgerAsync(new FakeTimeProvider(T0));

        Assert.That(await reopened.FindAsync(PlatformName.Slack, "k"), Is.EqualTo(new CardReference(PlatformName.Slack, "C1", "9.9")));
    }
}
