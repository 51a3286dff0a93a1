using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatOpsJit.Core.Serialization;

namespace ChatOpsJit.Core.Audit;

/// <summary>
/// The one place that seals audit records and checks seals. Each record's MAC is an HMAC-SHA256, with a key kept outside
/// the database, over the record and the MAC before it; so without the key nobody can edit a record, or rewrite the tail
/// after an edit, and still produce a chain that verifies. Records written before keyed MACs (key id
/// <see cref="LegacyKeyId"/>) carry a plain SHA-256 and are checked with that formula.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous MAC of the first record.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The key id of the legacy, unkeyed epoch: plain SHA-256 over the record, before any keyed record.</summary>
    public const string LegacyKeyId = "sha256";

    /// <summary>The actor of the records the chain writes about itself.</summary>
    public const string SystemActor = "system";

    private const string Domain = "chatopsjit-audit-v2";

    /// <summary>Seals <paramref name="entry"/> as record <paramref name="sequence"/> with <paramref name="key"/>, linked to <paramref name="previousMac"/>.</summary>
    public static AuditRecord Seal(long sequence, AuditEntry entry, AuditKey key, string previousMac)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(key);
        var request = entry.Request is null ? null : CoreJson.Serialize(entry.Request);
        var record = new AuditRecord(sequence, entry.RequestId, entry.Kind, entry.Actor, entry.At, entry.Data, request, key.Id, previousMac, "");
        return record with { Mac = Mac(key, record) };
    }

    /// <summary>The record that opens epoch <paramref name="epoch"/>: from key id <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static AuditEntry KeyRotation(string from, AuditKey to, int epoch, DateTimeOffset at) =>
        new("", AuditKinds.KeyRotated, SystemActor, at, new AuditKeyRotated(from, to.Id, epoch).Data());

    /// <summary>HMAC-SHA256 with <paramref name="key"/> over every field of <paramref name="record"/> but its own MAC.</summary>
    public static string Mac(AuditKey key, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(record);
        return key.Mac(Fields(
            Domain, Number(record.Sequence), record.RequestId, record.Kind, record.Actor, Time(record.At), record.Data,
            // A snapshot is a JSON object, never empty, so "" cannot be confused with one.
            record.Request ?? "", record.KeyId, record.PreviousMac));
    }

    /// <summary>The legacy formula (plain SHA-256, no key): what records before keyed MACs carry.</summary>
    public static string LegacyHash(long sequence, AuditEntry entry, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = Fields(Number(sequence), entry.RequestId, entry.Kind, entry.Actor, Time(entry.At), entry.Data, previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A legacy record as versions before keyed MACs wrote it.</summary>
    public static AuditRecord LegacyLink(long sequence, AuditEntry entry, string previousHash) =>
        new(sequence, entry.RequestId, entry.Kind, entry.Actor, entry.At, entry.Data, null, LegacyKeyId, previousHash, LegacyHash(sequence, entry, previousHash));

    /// <summary>Whether the record's MAC is what <paramref name="key"/> (or, for legacy records, SHA-256) gives; compared in constant time.</summary>
    public static bool Holds(AuditRecord record, AuditKey? key)
    {
        ArgumentNullException.ThrowIfNull(record);
        var expected = record.IsLegacy
            ? LegacyHash(record.Sequence, new AuditEntry(record.RequestId, record.Kind, record.Actor, record.At, record.Data), record.PreviousMac)
            : key is null ? null : Mac(key, record);
        return expected is not null && SameText(expected, record.Mac);
    }

    /// <summary>Checks a whole chain; null when intact, else the first break. <see cref="AuditVerifier"/> also reports epochs and anchors.</summary>
    public static AuditBreak? Verify(IEnumerable<AuditRecord> records, IEnumerable<AuditKey> keys)
    {
        ArgumentNullException.ThrowIfNull(records);
        var verifier = new AuditVerifier(keys);
        foreach (var record in records)
        {
            if (verifier.Add(record) is { } broken)
            {
                return broken;
            }
        }

        return verifier.Finish();
    }

    /// <summary>Length-prefixed fields, so no choice of field contents can make two records MAC alike.</summary>
    internal static string Fields(params string[] fields)
    {
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        return text.ToString();
    }

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    internal static bool SameText(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}

/// <summary>The first place where an audit chain or its anchors do not hold.</summary>
/// <param name="Sequence">The record named, or null when the problem is in an anchor that names no record.</param>
public sealed record AuditBreak(long? Sequence, string Message);
