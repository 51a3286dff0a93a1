using Microsoft.IdentityModel.Tokens;

namespace ChatOpsJit.Teams.Auth;

/// <summary>One key of a JWKS, with the <c>endorsements</c> (channel ids) the Bot Framework lists beside it.</summary>
public sealed record SigningKey(string KeyId, SecurityKey Key, IReadOnlyList<string> Endorsements);

/// <summary>What looking a <c>kid</c> up gave: the key, or why there is none (safe to log).</summary>
public readonly record struct KeyLookup(SigningKey? Key, string? Failure)
{
    public static KeyLookup Found(SigningKey key) => new(key, null);

    public static readonly KeyLookup Unknown = new(null, "signature key unknown");

    public static readonly KeyLookup Unavailable = new(null, "signing keys unavailable");
}
