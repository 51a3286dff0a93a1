using ChatOpsJit.Core.Audit;

namespace ChatOpsJit.Core.Tests.Audit;

public sealed class AuditAnchorTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 2, 0, TimeSpan.Zero);
    private static readonly AuditKey Key = AuditKey.Generate();

    private static List<AuditRecord> Chain(int count)
    {
        var records = new List<AuditRecord>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var record = AuditChain.Seal(i, new AuditEntry($"ar-{i:x8}", "request.submitted", "dev@example.com", At.AddMinutes(i - 60), "{}"), Key, previous);
            records.Add(record);
            previous = record.Mac;
        }

        return records;
    }

    private static AuditBreak? Verify(IEnumerable<AuditRecord> records, IReadOnlyList<StoredAnchor> anchors, params AuditKey[] keys)
    {
        var verifier = new AuditVerifier(keys.Length == 0 ? [Key] : keys, anchors, "'x.audit-anchor'");
        foreach (var record in records)
        {
            if (verifier.Add(record) is { } broken)
            {
                return broken;
            }
        }

        return verifier.Finish();
    }

    private static StoredAnchor Line(int line, AuditAnchor anchor) => new($"line {line}", anchor);

    [Test]
    public void A_chain_that_reaches_its_anchors_verifies()
    {
        var chain = Chain(60);

        Assert.That(Verify(chain, [Line(1, AuditAnchor.Of(chain[19], Key, At)), Line(2, AuditAnchor.Of(chain[56], Key, At))]), Is.Null);
    }

    [Test]
    public void A_log_that_ends_before_an_anchor_was_truncated_and_the_missing_records_are_named()
    {
        var chain = Chain(57);
        var anchors = new[] { Line(1, AuditAnchor.Of(chain[56], Key, At)) };

        Assert.That(Verify(chain.Take(41), anchors), Is.EqualTo(new AuditBreak(42,
            "the log ends at record 41 but record 57 was anchored at 2026-12-01 10:02 UTC: records 42-57 are missing (truncated)")));
        Assert.That(Verify([], anchors)?.Message, Is.EqualTo(
            "the log is empty but record 57 was anchored at 2026-12-01 10:02 UTC: records 1-57 are missing (truncated)"));
    }

    [Test]
    public void A_rewritten_log_that_still_chains_is_caught_by_its_anchor()
    {
        var chain = Chain(57);
        var anchors = new[] { Line(1, AuditAnchor.Of(chain[56], Key, At)) };
        // Someone holding the key rewrote record 30 and resealed everything after it: the chain holds, the anchor does not.
        var rewritten = chain.Take(29).ToList();
        for (var i = 30; i <= 57; i++)
        {
            var original = chain[i - 1];
            rewritten.Add(AuditChain.Seal(i, new AuditEntry(original.RequestId, original.Kind, i == 30 ? "mallory@example.com" : original.Actor, original.At, original.Data), Key, rewritten[^1].Mac));
        }

        Assert.That(Verify(rewritten, anchors), Is.EqualTo(new AuditBreak(57,
            "record 57 does not match its anchor of 2026-12-01 10:02 UTC: the log was rewritten at or before record 57")));
    }

    [Test]
    public void An_edited_anchor_is_named_by_its_line()
    {
        var chain = Chain(10);
        var edited = AuditAnchor.Of(chain[9], Key, At) with { Sequence = 5 };

        Assert.That(Verify(chain, [Line(1, AuditAnchor.Of(chain[2], Key, At)), Line(2, edited)]), Is.EqualTo(new AuditBreak(5,
            $"anchor line 2 of 'x.audit-anchor' (record 5, 2026-12-01 10:02 UTC) does not verify with key {Key.Id}: the anchor was edited")));
    }

    [Test]
    public void An_anchor_forged_with_a_guessed_key_is_named_by_its_line()
    {
        var chain = Chain(10);
        var guessed = AuditKey.Generate();

        Assert.That(Verify(chain, [Line(3, AuditAnchor.Of(chain[9], guessed, At))])?.Message, Is.EqualTo(
            $"anchor line 3 of 'x.audit-anchor' (record 10, 2026-12-01 10:02 UTC) is sealed with key {guessed.Id}, which is not among the keys given (wrong key? pass --key-file)"));
    }

    [Test]
    public void An_unreadable_anchor_line_is_named()
    {
        Assert.That(Verify(Chain(3), [new StoredAnchor("line 4", null, "not a JSON anchor")]), Is.EqualTo(new AuditBreak(null,
            "anchor line 4 of 'x.audit-anchor' cannot be read (not a JSON anchor): the anchor file was edited, or a write was torn")));
    }

    [Test]
    public void A_keyed_log_without_any_anchor_is_not_passed_as_intact()
    {
        Assert.That(Verify(Chain(3), [])?.Message, Does.StartWith("no anchor was found in 'x.audit-anchor' although the log holds keyed records up to 3"));
        Assert.That(Verify([], []), Is.Null, "a fresh database has nothing to anchor");
    }

    [Test]
    public void A_seal_covers_every_field()
    {
        var anchor = AuditAnchor.Of(Chain(1)[0], Key, At);

        Assert.Multiple(() =>
        {
            Assert.That(anchor.SealHolds(Key), Is.True);
            Assert.That((anchor with { Sequence = 2 }).SealHolds(Key), Is.False);
            Assert.That((anchor with { Mac = new string('0', 64) }).SealHolds(Key), Is.False);
            Assert.That((anchor with { At = At.AddSeconds(1) }).SealHolds(Key), Is.False);
            Assert.That((anchor with { KeyId = "0000000000000000" }).SealHolds(Key), Is.False);
            Assert.That(anchor.SealHolds(AuditKey.Generate()), Is.False);
        });
    }
}
