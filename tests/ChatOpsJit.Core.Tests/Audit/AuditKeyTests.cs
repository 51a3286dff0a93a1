using ChatOpsJit.Core.Audit;

namespace ChatOpsJit.Core.Tests.Audit;

public sealed class AuditKeyTests
{
    [Test]
    public void A_key_id_is_16_hex_digits_stable_for_the_key_and_never_the_key_itself()
    {
        var key = AuditKey.Generate();
        var again = AuditKey.Parse(key.ToBase64());

        Assert.Multiple(() =>
        {
            Assert.That(key.Id, Does.Match("^[0-9a-f]{16}$"));
            Assert.That(again.Id, Is.EqualTo(key.Id));
            Assert.That(key.ToString(), Is.EqualTo(key.Id));
            Assert.That(AuditKey.Generate().Id, Is.Not.EqualTo(key.Id));
        });
    }

    [Test]
    public void The_key_id_is_the_first_8_bytes_of_a_mac_of_the_label()
    {
        var secret = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(secret, "chatopsjit audit key id"u8.ToArray())[..8]);

        Assert.That(AuditKey.Parse(Convert.ToBase64String(secret)).Id, Is.EqualTo(expected));
    }

    [TestCase("", "is empty")]
    [TestCase("not base64!", "is not base64")]
    [TestCase("c2hvcnQ=", "is 5 bytes; an audit key needs at least 32 random bytes (make one with: openssl rand -base64 32)")]
    public void A_bad_key_is_refused_without_repeating_it(string text, string problem)
    {
        Assert.That(AuditKey.TryParse(text, out _, out var said), Is.False);
        Assert.That(said, Is.EqualTo(problem));
        Assert.That(Assert.Throws<FormatException>(() => AuditKey.Parse(text))!.Message, Is.EqualTo("the audit key " + problem));
    }

    [Test]
    public void A_ring_seals_with_its_last_key_and_finds_every_key_by_id()
    {
        var keys = new[] { AuditKey.Generate(), AuditKey.Generate(), AuditKey.Generate() };
        var ring = AuditKeyRing.Of(keys);

        Assert.That(ring.Current, Is.SameAs(keys[2]));
        Assert.That(keys.Select(k => ring.Find(k.Id)), Is.EqualTo(keys));
        Assert.That(ring.Find("0000000000000000"), Is.Null);
    }
}
