using ChatOpsJit.Core.Audit;

namespace ChatOpsJit.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private static List<AuditRecord> Chain(int count)
    {
        var records = new List<AuditRecord>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var record = AuditChain.Link(i, new AuditEntry($"ar-0000000{i}", "request.submitted", "dev@example.com", At.AddMinutes(i), $$"""{"n":{{i}}}"""), previous);
            records.Add(record);
            previous = record.Hash;
        }

        return records;
    }

    [Test]
    public void Link_chains_each_record_to_the_hash_of_the_one_before()
    {
        var chain = Chain(3);

        Assert.Multiple(() =>
        {
            Assert.That(chain[0].PreviousHash, Is.EqualTo(AuditChain.Genesis));
            Assert.That(chain[1].PreviousHash, Is.EqualTo(chain[0].Hash));
            Assert.That(chain[2].PreviousHash, Is.EqualTo(chain[1].Hash));
            Assert.That(chain.Select(r => r.Hash), Is.All.Match("^[0-9a-f]{64}$"));
            Assert.That(chain.Select(r => r.Hash).Distinct().Count(), Is.EqualTo(3));
        });
    }

    [Test]
    public void Intact_chain_verifies()
    {
        Assert.That(AuditChain.Verify(Chain(5)), Is.Null);
    }

    [Test]
    public void Empty_chain_verifies()
    {
        Assert.That(AuditChain.Verify([]), Is.Null);
    }

    [Test]
    public void Hash_is_the_same_for_the_same_moment_in_any_offset()
    {
        var entry = new AuditEntry("ar-1", "k", "a", At, "{}");
        var shifted = entry with { At = At.ToOffset(TimeSpan.FromHours(2)) };

        Assert.That(AuditChain.Hash(1, shifted, AuditChain.Genesis), Is.EqualTo(AuditChain.Hash(1, entry, AuditChain.Genesis)));
    }

    [Test]
    public void Field_boundaries_cannot_be_shifted_to_forge_the_same_hash()
    {
        var a = new AuditEntry("ar-1", "request.approved", "x", At, "{}");
        var b = new AuditEntry("ar-1request.", "approved", "x", At, "{}");

        Assert.That(AuditChain.Hash(1, a, AuditChain.Genesis), Is.Not.EqualTo(AuditChain.Hash(1, b, AuditChain.Genesis)));
    }

    [Test]
    public void Edited_data_is_reported_at_the_edited_record()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Data = """{"n":999}""" };

        var broken = AuditChain.Verify(chain);

        Assert.That(broken, Is.EqualTo(new AuditBreak(3, "record 3 (request.submitted, ar-00000003) was changed after it was written")));
    }

    [Test]
    public void Edited_actor_is_reported_at_the_edited_record()
    {
        var chain = Chain(4);
        chain[1] = chain[1] with { Actor = "mallory@example.com" };

        Assert.That(AuditChain.Verify(chain)?.Sequence, Is.EqualTo(2));
    }

    [Test]
    public void Changed_hash_is_reported_at_that_record()
    {
        var chain = Chain(5);
        chain[3] = chain[3] with { Hash = new string('a', 64) };

        var broken = AuditChain.Verify(chain);

        Assert.That(broken?.Sequence, Is.EqualTo(4));
        Assert.That(broken?.Message, Is.EqualTo("record 4 (request.submitted, ar-00000004) was changed after it was written"));
    }

    [Test]
    public void Record_rehashed_after_an_edit_is_reported_at_the_next_record()
    {
        var chain = Chain(5);
        var forged = AuditChain.Link(2, new AuditEntry(chain[1].RequestId, chain[1].Kind, "mallory@example.com", chain[1].At, chain[1].Data), chain[1].PreviousHash);
        chain[1] = forged;

        var broken = AuditChain.Verify(chain);

        Assert.That(broken, Is.EqualTo(new AuditBreak(3, "record 3 does not link to record 2")));
    }

    [Test]
    public void Changed_previous_hash_is_reported_at_that_record()
    {
        var chain = Chain(3);
        chain[2] = chain[2] with { PreviousHash = AuditChain.Genesis };

        Assert.That(AuditChain.Verify(chain), Is.EqualTo(new AuditBreak(3, "record 3 does not link to record 2")));
    }

    [Test]
    public void Missing_record_is_reported_at_its_sequence()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);

        Assert.That(AuditChain.Verify(chain), Is.EqualTo(new AuditBreak(3, "record 3 is missing (next found is 4)")));
    }

    [Test]
    public void Missing_first_record_is_reported_at_sequence_one()
    {
        var chain = Chain(3);
        chain.RemoveAt(0);

        Assert.That(AuditChain.Verify(chain), Is.EqualTo(new AuditBreak(1, "record 1 is missing (next found is 2)")));
    }

    [Test]
    public void Only_the_first_break_is_reported()
    {
        var chain = Chain(5);
        chain[1] = chain[1] with { Data = "{}" };
        chain[3] = chain[3] with { Data = "{}" };

        Assert.That(AuditChain.Verify(chain)?.Sequence, Is.EqualTo(2));
    }
}
