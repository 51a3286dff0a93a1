using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Serialization;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Storage.Tests.Stores;

[TestFixture(StorageOptions.Sqlite)]
[TestFixture(StorageOptions.Postgres)]
public sealed class OutboxStoreTests(string provider) : StoreTestBase(provider)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private IAccessRequestStore requests = null!;
    private IOutboxStore outbox = null!;

    [SetUp]
    public void CreateStores()
    {
        requests = NewRequestStore();
        outbox = NewOutboxStore();
    }

    /// <summary>Commits one request whose submission carries <paramref name="messages"/>; the audit event happens at T0.</summary>
    private async Task SubmitAsync(string id, params OutboxMessage[] messages) =>
        Assert.That(await requests.TryCommitAsync(Build.Insert(Build.Request(id, T0), messages)), Is.True);

    [Test]
    public async Task Claiming_returns_due_messages_oldest_first_with_their_card_and_attempt_count()
    {
        await SubmitAsync("ar-00000001", Build.Message("ar-00000001", "k1"), Build.Message("ar-00000001", "k2"));
        await SubmitAsync("ar-00000002", Build.Message("ar-00000002", "k3"));

        var claimed = await outbox.ClaimDueAsync(T0, 10, Lease);

        Assert.That(claimed.Select(m => m.IdempotencyKey), Is.EqualTo(new[] { "k1", "k2", "k3" }));
        Assert.That(claimed.Select(m => m.Id), Is.Ordered.Ascending.And.All.GreaterThan(0));
        Assert.That(claimed.Select(m => m.Attempts), Is.All.EqualTo(1));
        Assert.That(claimed[0].DueAt, Is.EqualTo(T0), "a message without a due time is due when its event happened");
        Assert.That(CoreJson.Serialize(claimed[0].Card), Is.EqualTo(CoreJson.Serialize(Build.Card("Request k1"))));
        var first = claimed[0];
        Assert.That((first.RequestId, first.RequestVersion, first.Platform, first.Kind, first.Recipient, first.CardKey, first.Target),
            Is.EqualTo(("ar-00000001", 1L, (PlatformName?)PlatformName.Console, NotificationKind.ChannelCard, "#approvals", (string?)"card-ar-00000001", (PostedCard?)null)));
    }

    [Test]
    public async Task A_card_that_many_messages_carry_is_stored_once_and_each_message_is_claimed_with_it()
    {
        // As a submission fans out: one card to every approver by DM and by email (separate but equal copies for the emails),
        // and a channel card of its own.
        var approverCard = Build.Card("Approve ar-00000001?");
        var dms = Enumerable.Range(1, 5).Select(i => Build.Message("ar-00000001", $"dm-{i}") with
        {
            Kind = NotificationKind.DirectMessage, Recipient = $"approver{i}@example.com", Card = approverCard,
        });
        var emails = Enumerable.Range(1, 5).Select(i => Build.Message("ar-00000001", $"email-{i}") with
        {
            Kind = NotificationKind.Email, Platform = null, Recipient = $"approver{i}@example.com", CardKey = null, Card = Build.Card("Approve ar-00000001?"),
        });
        await SubmitAsync("ar-00000001", [Build.Message("ar-00000001", "channel"), .. dms, .. emails]);
        await SubmitAsync("ar-00000002", Build.Message("ar-00000002", "other"));

        var claimed = await outbox.ClaimDueAsync(T0, 20, Lease);

        Assert.That(await CountAsync("outbox"), Is.EqualTo(12));
        Assert.That(await CountAsync("outbox_cards"), Is.EqualTo(3), "the channel card, the approvers' card and the other request's card");
        Assert.That(claimed.Select(m => (m.IdempotencyKey, CoreJson.Serialize(m.Card))), Is.EqualTo(
            new[] { ("channel", CoreJson.Serialize(Build.Card("Request channel"))) }
                .Concat(Enumerable.Range(1, 5).Select(i => ($"dm-{i}", CoreJson.Serialize(approverCard))))
                .Concat(Enumerable.Range(1, 5).Select(i => ($"email-{i}", CoreJson.Serialize(approverCard))))
                .Append(("other", CoreJson.Serialize(Build.Card("Request other"))))));
    }

    [Test]
    public async Task The_same_card_in_a_later_transition_of_the_request_is_stored_again_under_that_version()
    {
        // Each transition's cards are its own: the ids name the request version, so no write has to look for an earlier copy.
        var request = Build.Request("ar-00000001", T0);
        Assert.That(await requests.TryCommitAsync(Build.Insert(request, [Build.Message(request.Id, "first")])), Is.True);
        Assert.That(await requests.TryCommitAsync(Build.Next(request, request.State, T0.AddMinutes(1),
            notifications: [Build.Message(request.Id, "first", version: 2) with { IdempotencyKey = "again" }])), Is.True);

        var claimed = await outbox.ClaimDueAsync(T0.AddMinutes(1), 10, Lease);

        Assert.That(await QueryAsync<string>("SELECT id FROM outbox_cards ORDER BY id;"), Is.EqualTo(new[] { "ar-00000001:1:0", "ar-00000001:2:0" }));
        Assert.That(claimed.Select(m => m.Card.Title), Is.EqualTo(new[] { "Request first", "Request first" }));
    }

    [Test]
    public async Task Messages_due_later_and_the_max_are_respected()
    {
        await SubmitAsync("ar-00000001",
            Build.Message("ar-00000001", "now-1"), Build.Message("ar-00000001", "now-2"), Build.Message("ar-00000001", "later", T0.AddHours(1)));

        var first = await outbox.ClaimDueAsync(T0, 1, Lease);
        var rest = await outbox.ClaimDueAsync(T0, 10, Lease);
        foreach (var delivered in first.Concat(rest))
        {
            await outbox.MarkDeliveredAsync(delivered, T0);
        }

        var later = await outbox.ClaimDueAsync(T0.AddHours(1), 10, Lease);

        Assert.That(first.Select(m => m.IdempotencyKey), Is.EqualTo(new[] { "now-1" }));
        Assert.That(rest.Select(m => m.IdempotencyKey), Is.EqualTo(new[] { "now-2" }));
        Assert.That(later.Select(m => m.IdempotencyKey), Is.EqualTo(new[] { "later" }));
    }

    [Test]
    public async Task Concurrent_claimers_never_get_the_same_row()
    {
        for (var r = 0; r < 6; r++)
        {
            var id = $"ar-{r:x8}";
            await SubmitAsync(id, Enumerable.Range(0, 10).Select(i => Build.Message(id, $"{id}-{i}")).ToArray());
        }

        var perClaimer = await RaceAsync(4, async _ =>
        {
            var mine = new List<long>();
            while (await outbox.ClaimDueAsync(T0, 3, Lease) is { Count: > 0 } batch)
            {
                mine.AddRange(batch.Select(m => m.Id));
            }

            return mine;
        });

        var all = perClaimer.SelectMany(ids => ids).ToList();
        Assert.That(all, Is.Unique);
        Assert.That(all, Has.Count.EqualTo(60));
        Assert.That(await CountAsync("outbox", "attempts = 1"), Is.EqualTo(60));
    }

    [Test]
    public async Task A_leased_message_comes_back_only_after_the_lease_expires()
    {
        await SubmitAsync("ar-00000001", Build.Message("ar-00000001", "k1"));
        var claimed = await outbox.ClaimDueAsync(T0, 10, Lease);

        var duringLease = await outbox.ClaimDueAsync(T0 + Lease - TimeSpan.FromTicks(1), 10, Lease);
        var afterLease = await outbox.ClaimDueAsync(T0 + Lease, 10, Lease);

        Assert.That(claimed, Has.Count.EqualTo(1));
        Assert.That(duringLease, Is.Empty);
        Assert.That(afterLease.Single().Id, Is.EqualTo(claimed[0].Id));
        Assert.That(afterLease.Single().Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task A_delivered_message_is_never_claimed_again()
    {
        await SubmitAsync("ar-00000001", Build.Message("ar-00000001", "k1"));
        var claimed = (await outbox.ClaimDueAsync(T0, 10, Lease)).Single();

        await outbox.MarkDeliveredAsync(claimed, T0.AddSeconds(1));

        Assert.That(await outbox.ClaimDueAsync(T0.AddDays(30), 10, Lease), Is.Empty);
        Assert.That(await TimeAsync("SELECT delivered_at FROM outbox;"), Is.EqualTo(T0.AddSeconds(1)));
    }

    [Test]
    public async Task A_failure_with_a_retry_time_requeues_the_message_for_that_time()
    {
        await SubmitAsync("ar-00000001", Build.Message("ar-00000001", "k1"));
        var claimed = (await outbox.ClaimDueAsync(T0, 10, Lease)).Single();

        await outbox.MarkFailedAsync(claimed, "429 slow down", T0.AddSeconds(30));

        Assert.That(await outbox.ClaimDueAsync(T0.AddSeconds(29), 10, Lease), Is.Empty, "not before the retry time");
        var retried = (await outbox.ClaimDueAsync(T0.AddSeconds(30), 10, Lease)).Single();
        Assert.That(retried.Id, Is.EqualTo(claimed.Id));
        Assert.That(retried.Attempts, Is.EqualTo(2));
        Assert.That(retried.DueAt, Is.EqualTo(T0.AddSeconds(30)));
        Assert.That(await ScalarAsync<string>("SELECT last_error FROM outbox;"), Is.EqualTo("429 slow down"));
    }

    [Test]
    public async Task A_failure_without_a_retry_time_makes_the_message_dead_for_good()
    {
        await SubmitAsync("ar-00000001", Build.Message("ar-00000001", "k1"), Build.Message("ar-00000001", "k2"));
        var claimed = await outbox.ClaimDueAsync(T0, 1, Lease);

        await outbox.MarkFailedAsync(claimed[0], "channel_not_found", retryAt: null);

        var later = await outbox.ClaimDueAsync(T0.AddDays(365), 10, Lease);
        Assert.That(later.Select(m => m.IdempotencyKey), Is.EqualTo(new[] { "k2" }), "only the live message comes back");
        Assert.That(await ScalarAsync<long>("SELECT dead FROM outbox WHERE idempotency_key = 'k1';"), Is.EqualTo(1));
        Assert.That(await ScalarAsync<string>("SELECT last_error FROM outbox WHERE idempotency_key = 'k1';"), Is.EqualTo("channel_not_found"));
    }

    [Test]
    public void Claiming_with_a_non_positive_max_or_lease_is_refused()
    {
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => outbox.ClaimDueAsync(T0, 0, Lease));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => outbox.ClaimDueAsync(T0, 1, TimeSpan.Zero));
    }

    [Test]
    public async Task A_worker_whose_lease_ran_out_cannot_mark_a_message_another_worker_claimed()
    {
        await SubmitAsync("ar-00000001", Build.Message("ar-00000001", "k1"));
        var slow = (await outbox.ClaimDueAsync(T0, 10, Lease)).Single();
        var current = (await outbox.ClaimDueAsync(T0 + Lease, 10, Lease)).Single();

        Assert.That(await outbox.MarkFailedAsync(slow, "late failure", retryAt: null), Is.False, "a stale claim cannot dead-letter the message");
        Assert.That(await outbox.MarkDeliveredAsync(slow, T0 + Lease), Is.False);
        Assert.That(await ScalarAsync<long>("SELECT dead FROM outbox"), Is.Zero);
        Assert.That(await outbox.MarkDeliveredAsync(current, T0 + Lease), Is.True, "the current claimer records the delivery");
        Assert.That(await TimeAsync("SELECT delivered_at FROM outbox"), Is.Not.Null);
    }

    [Test]
    public async Task An_update_before_its_post_has_a_reference_waits_without_using_up_attempts()
    {
        await SubmitAsync("ar-00000001", Build.Message("ar-00000001", "post"), Build.Update("ar-00000001", "update", version: 2));

        // The post fails three times; each pass, the update is not even claimed.
        for (var i = 1; i <= 3; i++)
        {
            var batch = await outbox.ClaimDueAsync(T0.AddMinutes(i), 10, Lease);
            Assert.That(batch.Select(m => m.IdempotencyKey), Is.EqualTo(new[] { "post" }), $"pass {i}");
            await outbox.MarkFailedAsync(batch[0], "platform down", T0.AddMinutes(i + 1));
        }

        Assert.That(await ScalarAsync<long>("SELECT attempts FROM outbox WHERE idempotency_key = 'update';"), Is.Zero);
        Assert.That(await ScalarAsync<long>("SELECT dead FROM outbox WHERE idempotency_key = 'update';"), Is.Zero, "ordering never fails it");

        var post = (await outbox.ClaimDueAsync(T0.AddMinutes(4), 10, Lease)).Single();
        Assert.That(await outbox.MarkDeliveredAsync(post, T0.AddMinutes(4), new CardReference(PlatformName.Console, "#approvals", "17")), Is.True);

        var update = (await outbox.ClaimDueAsync(T0.AddMinutes(4), 10, Lease)).Single();
        Assert.That(update.IdempotencyKey, Is.EqualTo("update"));
        Assert.That(update.Attempts, Is.EqualTo(1));
        Assert.That(update.Target, Is.EqualTo(new PostedCard(new CardReference(PlatformName.Console, "#approvals", "17"), 1)));
    }

    [Test]
    public async Task A_post_reference_is_stored_only_by_the_write_that_marks_the_post_delivered()
    {
        await SubmitAsync("ar-00000001", Build.Message("ar-00000001", "post"), Build.Update("ar-00000001", "update", version: 2));
        var slow = (await outbox.ClaimDueAsync(T0, 10, Lease)).Single();
        var current = (await outbox.ClaimDueAsync(T0 + Lease, 10, Lease)).Single();

        Assert.That(await outbox.MarkDeliveredAsync(slow, T0 + Lease, new CardReference(PlatformName.Console, "#approvals", "stale")), Is.False);
        Assert.That(await CountAsync("card_references", "1 = 1"), Is.Zero, "a fenced-out delivery stores no reference");
        Assert.That(await outbox.ClaimDueAsync(T0 + Lease, 10, Lease), Is.Empty, "so the update still waits");

        Assert.That(await outbox.MarkDeliveredAsync(current, T0 + Lease, new CardReference(PlatformName.Console, "#approvals", "42")), Is.True);
        Assert.That(await ScalarAsync<string>("SELECT message_id FROM card_references;"), Is.EqualTo("42"));
    }

    [Test]
    public async Task A_delivered_update_records_the_version_the_card_shows_and_an_older_one_sees_it()
    {
        await SubmitAsync("ar-00000001", Build.Message("ar-00000001", "post"), Build.Update("ar-00000001", "v2", version: 2), Build.Update("ar-00000001", "v3", version: 3));
        var post = (await outbox.ClaimDueAsync(T0, 1, Lease)).Single();
        await outbox.MarkDeliveredAsync(post, T0, new CardReference(PlatformName.Console, "#approvals", "1"));
        var (v2, v3) = (await outbox.ClaimDueAsync(T0, 10, Lease)) switch { var b => (b[0], b[1]) };

        await outbox.MarkFailedAsync(v2, "timeout", T0.AddSeconds(5));
        await outbox.MarkDeliveredAsync(v3, T0);
        var retried = (await outbox.ClaimDueAsync(T0.AddSeconds(5), 10, Lease)).Single();

        Assert.That(retried.IdempotencyKey, Is.EqualTo("v2"));
        Assert.That(retried.Target!.ShownVersion, Is.EqualTo(3), "the dispatcher can tell the card already shows a newer state");
        await outbox.MarkDeliveredAsync(retried, T0.AddSeconds(5));
        Assert.That(await ScalarAsync<long>("SELECT shown_version FROM card_references;"), Is.EqualTo(3), "never lowered");
    }

    [Test]
    public async Task An_update_waits_while_an_older_update_of_its_card_is_being_delivered_elsewhere()
    {
        await SubmitAsync("ar-00000001", Build.Message("ar-00000001", "post"), Build.Update("ar-00000001", "v2", version: 2), Build.Update("ar-00000001", "v3", version: 3));
        var post = (await outbox.ClaimDueAsync(T0, 1, Lease)).Single();
        await outbox.MarkDeliveredAsync(post, T0, new CardReference(PlatformName.Console, "#approvals", "1"));
        var v2 = (await outbox.ClaimDueAsync(T0, 1, Lease)).Single();

        // Another replica claiming now must not get v3: sent beside v2, it could land first and be overwritten by the older card.
        Assert.That(await outbox.ClaimDueAsync(T0.AddSeconds(1), 10, Lease), Is.Empty);

        await outbox.MarkDeliveredAsync(v2, T0.AddSeconds(2));
        var v3 = (await outbox.ClaimDueAsync(T0.AddSeconds(2), 10, Lease)).Single();
        Assert.That(v3.IdempotencyKey, Is.EqualTo("v3"));
        Assert.That(v2.IdempotencyKey, Is.EqualTo("v2"));
    }

    [Test]
    public async Task Undelivered_counts_every_live_message_due_now_or_later_and_not_the_delivered_or_dead_ones()
    {
        await SubmitAsync("ar-00000001",
            Build.Message("ar-00000001", "delivered"), Build.Message("ar-00000001", "dead"), Build.Message("ar-00000001", "waiting"),
            Build.Message("ar-00000001", "later", T0.AddHours(1)));
        Assert.That(await ((IOutboxBacklog)outbox).CountUndeliveredAsync(), Is.EqualTo(4));
        var claimed = await outbox.ClaimDueAsync(T0, 2, Lease);

        await outbox.MarkDeliveredAsync(claimed[0], T0);
        await outbox.MarkFailedAsync(claimed[1], "gone", retryAt: null);

        Assert.That(await ((IOutboxBacklog)outbox).CountUndeliveredAsync(), Is.EqualTo(2), "a claimed message still counts until it is delivered");
    }

    [Test]
    public async Task A_dm_with_buttons_stores_its_reference_so_its_updates_find_it_and_wait_for_it()
    {
        var dm = Build.Message("ar-00000001", "dm") with { Kind = NotificationKind.DirectMessage, Recipient = "lead@example.com", CardKey = "approver:ar-00000001:0:0:lead@example.com" };
        var update = dm with { Kind = NotificationKind.CardUpdate, IdempotencyKey = "dm-update", RequestVersion = 2 };
        await SubmitAsync("ar-00000001", dm, update);

        var first = await outbox.ClaimDueAsync(T0, 10, Lease);
        Assert.That(first.Select(m => m.IdempotencyKey), Is.EqualTo(new[] { "dm" }), "the update waits for its DM");
        await outbox.MarkDeliveredAsync(first[0], T0, new CardReference(PlatformName.Console, "dm:lead@example.com", "9"));

        var next = (await outbox.ClaimDueAsync(T0, 10, Lease)).Single();
        Assert.That(next.Target, Is.EqualTo(new PostedCard(new CardReference(PlatformName.Console, "dm:lead@example.com", "9"), 1)));
    }

    [Test]
    public async Task An_update_whose_post_died_is_handed_out_without_a_target_instead_of_waiting_forever()
    {
        await SubmitAsync("ar-00000001", Build.Message("ar-00000001", "post"), Build.Update("ar-00000001", "update", version: 2));
        var post = (await outbox.ClaimDueAsync(T0, 10, Lease)).Single();
        await outbox.MarkFailedAsync(post, "channel_not_found", null);

        var update = (await outbox.ClaimDueAsync(T0, 10, Lease)).Single();

        Assert.That((update.IdempotencyKey, update.Target), Is.EqualTo(("update", (PostedCard?)null)), "the dispatcher drops it");
    }

    [Test]
    public async Task An_update_of_a_card_that_was_never_posted_is_handed_out_without_a_target()
    {
        await SubmitAsync("ar-00000001", Build.Update("ar-00000001", "orphan", version: 2));

        var update = (await outbox.ClaimDueAsync(T0, 10, Lease)).Single();

        Assert.That(update.Target, Is.Null);
    }
}
