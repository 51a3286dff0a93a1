using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsJit.Core.Audit;

/// <summary>The hash chain over audit records: each hash covers the record and the hash before it.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first record.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Hash(long sequence, AuditEntry entry, string previousHash)
    {
        // Length-prefixed fields, so no choice of field contents can make two records hash alike.
        var text = new StringBuilder();
        foreach (var field in new[]
                 {
                     sequence.ToString(CultureInfo.InvariantCulture), entry.RequestId, entry.Kind, entry.Actor,
                     entry.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), entry.Data, previousHash,
                 })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static AuditRecord Link(long sequence, AuditEntry entry, string previousHash) =>
        new(sequence, entry.RequestId, entry.Kind, entry.Actor, entry.At, entry.Data, previousHash, Hash(sequence, entry, previousHash));

    /// <summary>Recomputes the chain; returns null when intact, else a description of the first broken link.</summary>
    public static AuditBreak? Verify(IEnumerable<AuditRecord> records)
    {
        var expectedPrevious = Genesis;
        long expectedSequence = 1;
        foreach (var record in records)
        {
            if (record.Sequence != expectedSequence)
            {
                return new AuditBreak(expectedSequence, $"record {expectedSequence} is missing (next found is {record.Sequence})");
            }

            if (record.PreviousHash != expectedPrevious)
            {
                return new AuditBreak(record.Sequence, $"record {record.Sequence} does not link to record {record.Sequence - 1}");
            }

            var entry = new AuditEntry(record.RequestId, record.Kind, record.Actor, record.At, record.Data);
            if (Hash(record.Sequence, entry, record.PreviousHash) != record.Hash)
            {
                return new AuditBreak(record.Sequence, $"record {record.Sequence} ({record.Kind}, {record.RequestId}) was changed after it was written");
            }

            expectedPrevious = record.Hash;
            expectedSequence++;
        }

        return null;
    }
}

/// <summary>The first place where an audit chain does not hold.</summary>
public sealed record AuditBreak(long Sequence, string Message);
