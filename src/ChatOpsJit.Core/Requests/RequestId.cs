using System.Security.Cryptography;

namespace ChatOpsJit.Core.Requests;

/// <summary>Creates short request ids that people can type: <c>ar-</c> and eight lowercase hex digits.</summary>
public static class RequestId
{
    public const string Prefix = "ar-";

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>The id of a request bridged from <paramref name="externalId"/>: the same on every replica and after a restart, so it is bridged once.</summary>
    public static string For(string externalId) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(externalId)))[..8];

    public static bool LooksValid(string text) =>
        text.Length == Prefix.Length + 8 && text.StartsWith(Prefix, StringComparison.Ordinal) &&
        text.AsSpan(Prefix.Length).ContainsAnyExcept("0123456789abcdef") == false;
}
