using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Ports;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Storage.Tests.Stores;

[TestFixture(StorageOptions.Sqlite)]
[TestFixture(StorageOptions.Postgres)]
public sealed class ConversationStoreTests(string provider) : StoreTestBase(provider)
{
    private static readonly PlatformName Teams = new("teams");
    private readonly FakeTimeProvider time = new(T0);
    private IConversationStore conversations = null!;

    [SetUp]
    public void CreateStore() => conversations = NewConversations(time);

    [Test]
    public async Task The_latest_save_of_a_key_wins_and_other_platforms_keep_their_own()
    {
        await conversations.SaveAsync(Teams, "user:ann", "ref-1");
        time.Advance(TimeSpan.FromMinutes(1));
        await conversations.SaveAsync(Teams, "user:ann", "ref-2");
        await conversations.SaveAsync(PlatformName.Console, "user:ann", "console-ref");

        Assert.That(await conversations.FindAsync(Teams, "user:ann"), Is.EqualTo("ref-2"));
        Assert.That(await conversations.FindAsync(PlatformName.Console, "user:ann"), Is.EqualTo("console-ref"));
        Assert.That(await conversations.FindAsync(Teams, "user:bob"), Is.Null);
        Assert.That(await CountAsync("conversations"), Is.EqualTo(2));
    }

    [Test]
    public async Task Saving_the_same_value_again_leaves_the_row_as_it_was()
    {
        await conversations.SaveAsync(Teams, "user:ann", "ref-1");
        time.Advance(TimeSpan.FromHours(1));
        await conversations.SaveAsync(Teams, "user:ann", "ref-1");

        Assert.That(await TimeAsync("SELECT updated_at FROM conversations;"), Is.EqualTo(T0));
    }

    [Test]
    public async Task Listing_by_prefix_takes_the_prefix_literally_and_orders_by_key()
    {
        await conversations.SaveAsync(Teams, "channel:b", "b");
        await conversations.SaveAsync(Teams, "channel:a", "a");
        await conversations.SaveAsync(Teams, "channel%x", "percent");
        await conversations.SaveAsync(Teams, "user:ann", "ann");
        await conversations.SaveAsync(PlatformName.Console, "channel:c", "other platform");

        Assert.That(await conversations.ListAsync(Teams, "channel:"), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(await conversations.ListAsync(Teams, "channel%"), Is.EqualTo(new[] { "percent" }), "'%' is not a wildcard");
        Assert.That(await conversations.ListAsync(Teams, ""), Has.Count.EqualTo(4));
    }
}
