using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly AuditKey Key = AuditKey.Generate();

    private static AuditEntry Entry(int i) =>
        new($"ar-0000000{i}", "request.submitted", "dev@example.com", At.AddMinutes(i), $$"""{"n":{{i}}}""")
        {
            Request = new AuditedRequest(AccessRequestState.Pending, 1, At.AddDays(7), null, new string('a', 64)),
        };

    private static List<AuditRecord> Chain(int count, AuditKey? key = null, int from = 1, string? previous = null)
    {
        var records = new List<AuditRecord>();
        previous ??= AuditChain.Genesis;
        for (var i = from; i < from + count; i++)
        {
            var record = AuditChain.Seal(i, Entry(i), key ?? Key, previous);
            records.Add(record);
            previous = record.Mac;
        }

        return records;
    }

    private static List<AuditRecord> Legacy(int count)
    {
        var records = new List<AuditRecord>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var record = AuditChain.LegacyLink(i, Entry(i) with { Request = null }, previous);
            records.Add(record);
            previous = record.Mac;
        }

        return records;
    }

    /// <summary>Records sealed with <paramref name="first"/>, then a rotation record and records sealed with <paramref name="second"/>.</summary>
    private static List<AuditRecord> TwoEpochs(AuditKey first, AuditKey second, int before = 3, int after = 3)
    {
        var chain = Chain(before, first);
        var rotation = AuditChain.Seal(before + 1, AuditChain.KeyRotation(first.Id, second, 2, At.AddHours(1)), second, chain[^1].Mac);
        chain.Add(rotation);
        chain.AddRange(Chain(after, second, before + 2, rotation.Mac));
        return chain;
    }

    private static AuditBreak? Verify(IEnumerable<AuditRecord> records, params AuditKey[] keys) => AuditChain.Verify(records, keys.Length == 0 ? [Key] : keys);

    [Test]
    public void Seal_chains_each_record_to_the_mac_of_the_one_before()
    {
        var chain = Chain(3);

        Assert.Multiple(() =>
        {
            Assert.That(chain[0].PreviousMac, Is.EqualTo(AuditChain.Genesis));
            Assert.That(chain[1].PreviousMac, Is.EqualTo(chain[0].Mac));
            Assert.That(chain[2].PreviousMac, Is.EqualTo(chain[1].Mac));
            Assert.That(chain.Select(r => r.Mac), Is.All.Match("^[0-9a-f]{64}$"));
            Assert.That(chain.Select(r => r.Mac).Distinct().Count(), Is.EqualTo(3));
            Assert.That(chain.Select(r => r.KeyId), Is.All.EqualTo(Key.Id));
            Assert.That(chain[0].Request, Does.Contain("\"state\":\"Pending\"").And.Contain("\"digest\":\"aaaa"));
        });
    }

    [Test]
    public void Intact_chain_verifies()
    {
        Assert.That(Verify(Chain(5)), Is.Null);
    }

    [Test]
    public void Empty_chain_verifies()
    {
        Assert.That(Verify([]), Is.Null);
    }

    [Test]
    public void The_mac_is_the_same_for_the_same_moment_in_any_offset()
    {
        var entry = Entry(1);
        var shifted = entry with { At = At.AddMinutes(1).ToOffset(TimeSpan.FromHours(2)) };

        Assert.That(AuditChain.Seal(1, shifted, Key, AuditChain.Genesis).Mac, Is.EqualTo(AuditChain.Seal(1, entry, Key, AuditChain.Genesis).Mac));
    }

    [Test]
    public void Field_boundaries_cannot_be_shifted_to_forge_the_same_mac()
    {
        var a = new AuditEntry("ar-1", "request.approved", "x", At, "{}");
        var b = new AuditEntry("ar-1request.", "approved", "x", At, "{}");

        Assert.That(AuditChain.Seal(1, a, Key, AuditChain.Genesis).Mac, Is.Not.EqualTo(AuditChain.Seal(1, b, Key, AuditChain.Genesis).Mac));
    }

    [Test]
    public void The_mac_depends_on_the_key_so_a_guessed_key_cannot_reproduce_it()
    {
        var guessed = AuditKey.Generate();

        Assert.That(AuditChain.Seal(1, Entry(1), guessed, AuditChain.Genesis).Mac, Is.Not.EqualTo(AuditChain.Seal(1, Entry(1), Key, AuditChain.Genesis).Mac));
        Assert.That(AuditChain.Seal(1, Entry(1), Key, AuditChain.Genesis).Mac, Is.Not.EqualTo(AuditChain.LegacyHash(1, Entry(1), AuditChain.Genesis)),
            "a keyed MAC is not the plain SHA-256 of old, which anyone can recompute");
    }

    [Test]
    public void The_legacy_formula_is_unchanged_so_records_written_before_keyed_macs_still_verify()
    {
        // Computed independently: SHA-256 over "1:1\n4:ar-1\n1:k\n1:a\n33:2025-03-03T09:00:00.0000000+00:00\n2:{}\n64:000…0\n".
        var hash = AuditChain.LegacyHash(1, new AuditEntry("ar-1", "k", "a", At, "{}"), AuditChain.Genesis);

        Assert.That(hash, Is.EqualTo("dbd96d729dbce706f495911cadc4a999d947e20d69bd6cfe47a2ce1ca805c299"));
        Assert.That(AuditChain.Verify(Legacy(4), []), Is.Null);
    }

    [Test]
    public void Edited_data_is_reported_at_the_edited_record()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Data = """{"n":999}""" };

        Assert.That(Verify(chain), Is.EqualTo(new AuditBreak(3, $"record 3 (request.submitted, ar-00000003) was changed after it was written (its MAC does not verify with key {Key.Id})")));
    }

    [Test]
    public void An_edited_request_snapshot_is_reported_at_its_record()
    {
        var chain = Chain(4);
        chain[1] = chain[1] with { Request = chain[1].Request!.Replace("Pending", "Active", StringComparison.Ordinal) };

        Assert.That(Verify(chain)?.Sequence, Is.EqualTo(2));
    }

    [Test]
    public void Edited_actor_is_reported_at_the_edited_record()
    {
        var chain = Chain(4);
        chain[1] = chain[1] with { Actor = "mallory@example.com" };

        Assert.That(Verify(chain)?.Sequence, Is.EqualTo(2));
    }

    [Test]
    public void A_record_resealed_after_an_edit_with_a_guessed_key_under_the_real_key_id_is_reported_at_that_record()
    {
        var chain = Chain(5);
        var guessed = AuditKey.Generate();
        var forged = chain[1] with { Actor = "mallory@example.com" };
        chain[1] = forged with { Mac = AuditChain.Mac(guessed, forged) };

        Assert.That(Verify(chain)?.Sequence, Is.EqualTo(2));
    }

    [Test]
    public void A_record_resealed_with_the_real_key_after_an_edit_is_reported_at_the_next_record()
    {
        var chain = Chain(5);
        chain[1] = AuditChain.Seal(2, Entry(2) with { Actor = "mallory@example.com" }, Key, chain[0].Mac);

        Assert.That(Verify(chain), Is.EqualTo(new AuditBreak(3, "record 3 does not link to record 2")));
    }

    [Test]
    public void A_record_sealed_with_a_key_not_given_is_named_with_that_key_id()
    {
        var other = AuditKey.Generate();

        Assert.That(Verify(Chain(3, other)), Is.EqualTo(new AuditBreak(1,
            $"record 1 is sealed with key {other.Id}, which is not among the keys given (wrong key? pass --key-file)")));
    }

    [Test]
    public void Changed_previous_mac_is_reported_at_that_record()
    {
        var chain = Chain(3);
        chain[2] = chain[2] with { PreviousMac = AuditChain.Genesis };

        Assert.That(Verify(chain), Is.EqualTo(new AuditBreak(3, "record 3 does not link to record 2")));
    }

    [Test]
    public void A_missing_record_is_reported_at_its_sequence()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);

        Assert.That(Verify(chain), Is.EqualTo(new AuditBreak(3, "record 3 is missing (the next record found is 4)")));
    }

    [Test]
    public void A_gap_of_several_records_names_every_missing_number()
    {
        var chain = Chain(8);
        chain.RemoveRange(2, 3);

        Assert.That(Verify(chain), Is.EqualTo(new AuditBreak(3, "records 3-5 are missing (the next record found is 6)")));
    }

    [Test]
    public void A_missing_first_record_is_reported_at_sequence_one()
    {
        var chain = Chain(3);
        chain.RemoveAt(0);

        Assert.That(Verify(chain), Is.EqualTo(new AuditBreak(1, "record 1 is missing (the first record found is 2)")));
    }

    [Test]
    public void Only_the_first_break_is_reported()
    {
        var chain = Chain(5);
        chain[1] = chain[1] with { Data = "{}" };
        chain[3] = chain[3] with { Data = "{}" };

        Assert.That(Verify(chain)?.Sequence, Is.EqualTo(2));
    }

    [Test]
    public void Legacy_records_before_keyed_ones_verify_and_a_legacy_record_after_them_is_caught()
    {
        var chain = Legacy(3);
        var rotation = AuditChain.Seal(4, AuditChain.KeyRotation(AuditChain.LegacyKeyId, Key, 1, At), Key, chain[^1].Mac);
        chain.Add(rotation);
        chain.AddRange(Chain(2, Key, 5, rotation.Mac));
        Assert.That(Verify(chain), Is.Null);

        // The tail rewritten with the old, unkeyed formula: anyone can compute it, so it is refused after a keyed record.
        var forged = AuditChain.LegacyLink(6, Entry(6) with { Actor = "mallory@example.com", Request = null }, chain[4].Mac);
        chain[5] = forged;

        Assert.That(Verify(chain), Is.EqualTo(new AuditBreak(6,
            "record 6 (request.submitted, ar-00000006) is a legacy (unkeyed SHA-256) record after keyed record 5: legacy records only come before the first keyed one")));
    }

    [Test]
    public void Keyed_records_after_legacy_ones_need_a_rotation_record()
    {
        var chain = Legacy(3);
        chain.AddRange(Chain(2, Key, 4, chain[^1].Mac));

        Assert.That(Verify(chain)?.Message, Does.StartWith($"record 4 (request.submitted, ar-00000004) is sealed with key {Key.Id} but record 3 with key sha256"));
    }

    [Test]
    public void A_chain_across_two_epochs_verifies_with_both_keys_and_names_the_first_old_record_without_the_retired_key()
    {
        var old = AuditKey.Generate();
        var current = AuditKey.Generate();
        var chain = TwoEpochs(old, current);

        Assert.That(Verify(chain, old, current), Is.Null);
        Assert.That(Verify(chain, current), Is.EqualTo(new AuditBreak(1,
            $"record 1 is sealed with key {old.Id}, which is not among the keys given (wrong key? pass --key-file)")));
    }

    [Test]
    public void A_key_switch_without_a_rotation_record_is_caught_even_when_every_mac_is_right()
    {
        var old = AuditKey.Generate();
        var current = AuditKey.Generate();
        var chain = Chain(3, old);
        chain.AddRange(Chain(2, current, 4, chain[^1].Mac));

        Assert.That(Verify(chain, old, current), Is.EqualTo(new AuditBreak(4,
            $"record 4 (request.submitted, ar-00000004) is sealed with key {current.Id} but record 3 with key {old.Id}: " +
            "the key changes only at an audit.key-rotated record (a forged key switch?)")));
    }

    [Test]
    public void A_rotation_record_that_misnames_the_keys_or_the_epoch_is_caught()
    {
        var old = AuditKey.Generate();
        var current = AuditKey.Generate();
        var chain = Chain(2, old);
        chain.Add(AuditChain.Seal(3, AuditChain.KeyRotation(old.Id, current, 7, At), current, chain[^1].Mac));

        Assert.That(Verify(chain, old, current)?.Message, Does.StartWith("record 3 claims a key rotation").And.Contain("in epoch 1"));
    }

    [Test]
    public void The_verifier_reports_the_epochs_and_the_head()
    {
        var old = AuditKey.Generate();
        var current = AuditKey.Generate();
        var verifier = new AuditVerifier([old, current]);
        foreach (var record in TwoEpochs(old, current))
        {
            Assert.That(verifier.Add(record), Is.Null);
        }

        Assert.That(verifier.Finish(), Is.Null);
        Assert.That(verifier.Epochs, Is.EqualTo(new[] { new AuditEpoch(1, old.Id, 1, 3), new AuditEpoch(2, current.Id, 4, 7) }));
        Assert.That(verifier.Head!.Sequence, Is.EqualTo(7));
    }
}
