using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsJit.Testing.Teams;

/// <summary>The RSA keys that sign inbound tokens, which of them the Bot Framework JWKS publishes, and both key documents.</summary>
internal sealed class SigningKeys
{
    public const string TeamsKey = "teams-key";
    public const string SkypeKey = "skype-key";
    public const string UnpublishedKey = "unpublished-key";
    public const string EntraKey = "entra-key";

    /// <summary>What each Bot Framework key is endorsed for: the channels whose tokens it may sign.</summary>
    private static readonly Dictionary<string, string[]> Endorsements = new(StringComparer.Ordinal)
    {
        [TeamsKey] = ["msteams"],
        [SkypeKey] = ["skype", "webchat"],
        [UnpublishedKey] = ["msteams"],
    };

    // One set per process: a 2048-bit key takes tens of milliseconds to make and every test starts a stand-in. The RSA
    // objects are never disposed because IdentityModel caches signature providers by the key's thumbprint, so a
    // disposed key could come back out of that cache for a later stand-in.
    private static readonly Lazy<Dictionary<string, RSA>> Keys = new(() => new Dictionary<string, RSA>(StringComparer.Ordinal)
    {
        [TeamsKey] = RSA.Create(2048),
        [SkypeKey] = RSA.Create(2048),
        [UnpublishedKey] = RSA.Create(2048),
        [EntraKey] = RSA.Create(2048),
    });

    private static readonly Lazy<RSA> Forger = new(() => RSA.Create(2048));

    private readonly object _gate = new();
    private readonly List<string> _published = [TeamsKey, SkypeKey];

    /// <summary>Adds a Bot Framework key to the JWKS (keys can be added any time; hosts refetch on an unknown kid).</summary>
    public void Publish(string kid)
    {
        if (!Endorsements.ContainsKey(kid))
        {
            throw new ArgumentException($"'{kid}' is not a Bot Framework key of the stand-in (teams-key, skype-key, unpublished-key)", nameof(kid));
        }

        lock (_gate)
        {
            if (!_published.Contains(kid))
            {
                _published.Add(kid);
            }
        }
    }

    public SecurityKey Signing(string kid, bool forged)
    {
        if (!Keys.Value.TryGetValue(kid, out var rsa))
        {
            throw new ArgumentException($"the stand-in has no key '{kid}' (teams-key, skype-key, unpublished-key, entra-key)", nameof(kid));
        }

        return new RsaSecurityKey(forged ? Forger.Value : rsa) { KeyId = kid };
    }

    /// <summary>{"keys":[…]} as login.botframework.com serves it: each key with its endorsements.</summary>
    public JsonObject BotFrameworkJwks()
    {
        string[] published;
        lock (_gate)
        {
            published = [.. _published];
        }

        var keys = new JsonArray();
        foreach (var kid in published)
        {
            var jwk = Jwk(kid);
            jwk["endorsements"] = new JsonArray(Endorsements[kid].Select(e => (JsonNode?)e).ToArray());
            keys.Add(jwk);
        }

        return new JsonObject { ["keys"] = keys };
    }

    /// <summary>
    /// The tenant's Entra JWKS. Like Entra's, the key names its issuer with a {tenantid} placeholder, which IdentityModel's
    /// AAD signing-key issuer check fills from the token's "tid".
    /// </summary>
    public static JsonObject EntraJwks()
    {
        var jwk = Jwk(EntraKey);
        jwk["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0";
        return new JsonObject { ["keys"] = new JsonArray(jwk) };
    }

    private static JsonObject Jwk(string kid)
    {
        var parameters = Keys.Value[kid].ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }
}
