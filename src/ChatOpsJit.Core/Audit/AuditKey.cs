using System.Security.Cryptography;
using System.Text;

namespace ChatOpsJit.Core.Audit;

/// <summary>
/// A secret that seals audit records: at least 32 random bytes, written as base64. Only its <see cref="Id"/> is ever
/// shown (in records, logs and messages); <see cref="ToString"/> gives the id, never the key.
/// </summary>
public sealed class AuditKey
{
    public const int MinimumBytes = 32;

    private static readonly byte[] IdLabel = Encoding.UTF8.GetBytes("chatopsjit audit key id");
    private readonly byte[] _secret;

    private AuditKey(byte[] secret)
    {
        _secret = secret;
        // The first 8 bytes of a MAC of a fixed label: stable for the key, and reveals nothing about it.
        Id = Convert.ToHexStringLower(HMACSHA256.HashData(secret, IdLabel).AsSpan(0, 8));
    }

    /// <summary>16 hex digits naming the key.</summary>
    public string Id { get; }

    public static AuditKey Generate() => new(RandomNumberGenerator.GetBytes(MinimumBytes));

    /// <summary>Reads a base64 key; <paramref name="problem"/> says what is wrong without repeating the text.</summary>
    public static bool TryParse(string? base64, out AuditKey key, out string problem)
    {
        key = null!;
        problem = "";
        var text = base64?.Trim() ?? "";
        if (text.Length == 0)
        {
            problem = "is empty";
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            problem = "is not base64";
            return false;
        }

        if (bytes.Length < MinimumBytes)
        {
            problem = $"is {bytes.Length} bytes; an audit key needs at least {MinimumBytes} random bytes (make one with: openssl rand -base64 32)";
            return false;
        }

        key = new AuditKey(bytes);
        return true;
    }

    /// <summary>Reads a base64 key or throws <see cref="FormatException"/> (whose message never holds the key).</summary>
    public static AuditKey Parse(string base64) =>
        TryParse(base64, out var key, out var problem) ? key : throw new FormatException("the audit key " + problem);

    /// <summary>The key as it is written to a key file or a setting. Only for writing it down, never for display.</summary>
    public string ToBase64() => Convert.ToBase64String(_secret);

    public string Mac(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(text)));

    public override string ToString() => Id;
}
