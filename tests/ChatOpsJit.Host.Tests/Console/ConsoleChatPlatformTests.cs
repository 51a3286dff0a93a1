using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Host.Console;
using ChatOpsJit.Storage;
using ChatOpsJit.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsJit.Host.Tests.Console;

/// <summary>The console adapter over a real transcript store in a temporary SQLite file.</summary>
public sealed class ConsoleChatPlatformTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private TempFolder folder = null!;
    private FakeTimeProvider time = null!;
    private ConsoleTranscriptStore transcript = null!;
    private ConsoleChangeFeed feed = null!;
    private ConsoleChatPlatform platform = null!;

    [SetUp]
    public async Task Open()
    {
        folder = new TempFolder();
        time = new FakeTimeProvider(T0);
        transcript = new ConsoleTranscriptStore(await SqliteStore.OpenAsync($"Data Source={folder.File("console.db")}"));
        feed = new ConsoleChangeFeed();
        platform = new ConsoleChatPlatform(transcript, feed, time);
    }

    [TearDown]
    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    private static ChatCard Pending => new()
    {
        Title = "Access request ar-1",
        Actions = [new CardAction(CardVerb.Approve, "Approve", "ar-1", CardAudience.Approvers, CardActionStyle.Primary)],
    };

    private static ChatCard Approved => new() { Title = "Access request ar-1", Fields = [new CardField("Status", "Approved by lead@example.com")] };

    [Test]
    public void Its_name_is_console()
    {
        Assert.That(platform.Name, Is.EqualTo(PlatformName.Console));
        Assert.That(platform.Name.Value, Is.EqualTo("console"));
    }

    [Test]
    public async Task A_card_is_posted_into_the_channel_with_its_buttons_and_its_reference_names_the_message()
    {
        var posted = await platform.PostCardAsync("platform-approvals", Pending, "k-post");

        var entry = (await transcript.ListAsync()).Single();
        Assert.That(posted, Is.EqualTo(new CardReference(PlatformName.Console, "platform-approvals", entry.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.That(entry.Conversation, Is.EqualTo("channel:platform-approvals"));
        Assert.That(entry.Card.Actions.Select(a => a.Verb), Is.EqualTo(new[] { CardVerb.Approve }));
        Assert.That(entry.CreatedAt, Is.EqualTo(T0));
        Assert.That(entry.Revision, Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_idempotency_key_twice_posts_once_and_returns_the_same_reference()
    {
        var first = await platform.PostCardAsync("platform-approvals", Pending, "k-post");
        var again = await platform.PostCardAsync("platform-approvals", Pending, "k-post");
        await platform.SendDirectAsync(new DirectRecipient("dev@example.com"), Approved, "k-dm");
        await platform.SendDirectAsync(new DirectRecipient("dev@example.com"), Approved, "k-dm");

        var entries = await transcript.ListAsync();
        Assert.That(again, Is.EqualTo(first));
        Assert.That(entries.Select(e => e.Conversation), Is.EqualTo(new[] { "channel:platform-approvals", "dm:dev@example.com" }));
    }

    [Test]
    public async Task Different_idempotency_keys_post_twice()
    {
        await platform.SendDirectAsync(new DirectRecipient("dev@example.com"), Approved, "k-1");
        await platform.SendDirectAsync(new DirectRecipient("dev@example.com"), Approved, "k-2");

        Assert.That(await transcript.ListAsync(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Updating_a_message_the_console_does_not_have_throws_and_changes_nothing()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => platform.UpdateCardAsync(new CardReference(PlatformName.Console, "platform-approvals", "99"), Approved));

        Assert.That(error!.Message, Is.EqualTo("the console has no message 99 in platform-approvals to update"));
        Assert.That(await transcript.ListAsync(), Is.Empty);
    }

    [Test]
    public async Task After_the_post_an_update_replaces_the_card_in_place()
    {
        var posted = await platform.PostCardAsync("platform-approvals", Pending, "k-post");
        time.Advance(TimeSpan.FromMinutes(3));

        await platform.UpdateCardAsync(posted, Approved);

        var entry = (await transcript.ListAsync()).Single();
        Assert.That(entry.Card, Is.EqualTo(Approved).Using<ChatCard>((a, b) => a.Title == b.Title && a.Actions.Count == b.Actions.Count && a.Fields.SequenceEqual(b.Fields)));
        Assert.That(entry.Card.Actions, Is.Empty);
        Assert.That(entry.Revision, Is.EqualTo(2));
        Assert.That(entry.CreatedAt, Is.EqualTo(T0));
        Assert.That(entry.UpdatedAt, Is.EqualTo(T0.AddMinutes(3)));
    }

    [Test]
    public async Task A_direct_message_goes_to_the_lower_cased_address()
    {
        await platform.SendDirectAsync(new DirectRecipient("Dev@Example.com", "Dev@Example.com"), Approved, "k-dm");

        var entry = (await transcript.ListAsync()).Single();
        Assert.That(entry.Conversation, Is.EqualTo("dm:dev@example.com"));
    }

    [Test]
    public async Task Every_delivery_wakes_the_console_pages()
    {
        var posted = feed.NextChange;
        var reference = await platform.PostCardAsync("platform-approvals", Pending, "k-post");
        var updated = feed.NextChange;
        await platform.UpdateCardAsync(reference, Approved);
        var sent = feed.NextChange;
        await platform.SendDirectAsync(new DirectRecipient("dev@example.com"), Approved, "k-dm");

        Assert.That(new[] { posted.IsCompleted, updated.IsCompleted, sent.IsCompleted }, Is.All.True);
        Assert.That(feed.NextChange.IsCompleted, Is.False);
    }
}

public sealed class ConsoleEmailSenderTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private TempFolder folder = null!;
    private ConsoleTranscriptStore transcript = null!;
    private ConsoleChangeFeed feed = null!;
    private ConsoleEmailSender sender = null!;

    [SetUp]
    public async Task Open()
    {
        folder = new TempFolder();
        transcript = new ConsoleTranscriptStore(await SqliteStore.OpenAsync($"Data Source={folder.File("console.db")}"));
        feed = new ConsoleChangeFeed();
        sender = new ConsoleEmailSender(transcript, feed, new FakeTimeProvider(T0));
    }

    [TearDown]
    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    private static ChatCard Granted => new()
    {
        Title = "Access granted to web-1",
        Text = "Open until 10:00.",
        Fields = [new CardField("Request", "ar-1")],
        Code = "aws ssm start-session --target i-1",
        Actions = [new CardAction(CardVerb.Revoke, "Revoke now", "ar-1", CardAudience.Requester, CardActionStyle.Danger)],
        Footer = "footer",
    };

    [Test]
    public async Task An_email_is_kept_in_the_outbox_without_buttons_and_otherwise_unchanged()
    {
        var changed = feed.NextChange;

        await sender.SendAsync("Dev@Example.com", Granted, "k-mail");

        var entry = (await transcript.ListAsync()).Single();
        Assert.That(entry.Conversation, Is.EqualTo("email:dev@example.com"));
        Assert.That(entry.Card.Actions, Is.Empty);
        Assert.That((entry.Card.Title, entry.Card.Text, entry.Card.Code, entry.Card.Footer), Is.EqualTo((Granted.Title, Granted.Text, Granted.Code, Granted.Footer)));
        Assert.That(entry.Card.Fields, Is.EqualTo(Granted.Fields));
        Assert.That(entry.CreatedAt, Is.EqualTo(T0));
        Assert.That(changed.IsCompleted, Is.True);
    }

    [Test]
    public async Task The_same_idempotency_key_twice_keeps_one_email()
    {
        await sender.SendAsync("dev@example.com", Granted, "k-mail");
        await sender.SendAsync("dev@example.com", Granted, "k-mail");

        Assert.That(await transcript.ListAsync(), Has.Count.EqualTo(1));
    }
}
