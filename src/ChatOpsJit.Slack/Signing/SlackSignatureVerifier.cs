using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsJit.Slack.Signing;

/// <summary>
/// Checks Slack's v0 request signature: HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c> with the signing secret, compared in
/// constant time, and a timestamp no more than five minutes from now either way, so a captured request cannot be replayed.
/// </summary>
public sealed class SlackSignatureVerifier(string signingSecret, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly byte[] _key = Encoding.UTF8.GetBytes(signingSecret);

    /// <summary>Null when the request is Slack's; else why not, in words safe to log (never the body or a signature).</summary>
    public string? Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return "missing X-Slack-Request-Timestamp or X-Slack-Signature";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "X-Slack-Request-Timestamp is not a number of seconds";
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (age > Window || age < -Window)
        {
            return "the request timestamp is more than five minutes from now";
        }

        if (!signature.StartsWith("v0=", StringComparison.Ordinal) || signature.Length != 3 + 64)
        {
            return "X-Slack-Signature is not a v0 signature";
        }

        var expected = Sign(timestamp, body);
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? null : "the signature does not match";
    }

    // Over bytes, so the body is hashed exactly as it arrived: no decoding, no re-encoding.
    private byte[] Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes($"v0:{timestamp}:");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        var hex = Convert.ToHexStringLower(hmac.GetHashAndReset());
        return Encoding.ASCII.GetBytes("v0=" + hex);
    }
}
