using System.Security.Cryptography;

namespace ChatOpsJit.Core.Requests;

/// <summary>Creates short request ids that people can type: <c>ar-</c> and eight lowercase hex digits.</summary>
public static class RequestId
{
    public const string Prefix = "ar-";

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public static bool LooksValid(string text) =>
        text.Length == Prefix.Length + 8 && text.StartsWith(Prefix, StringComparison.Ordinal) &&
        text.AsSpan(Prefix.Length).ContainsAnyExcept("0123456789abcdef") == false;
}
