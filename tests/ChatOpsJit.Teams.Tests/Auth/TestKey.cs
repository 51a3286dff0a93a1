using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsJit.Teams.Tests.Auth;

/// <summary>An RSA key pair with a kid and endorsements: served (public half) by <see cref="KeyServer"/>, and mints tokens.</summary>
internal sealed class TestKey(string kid, params string[] endorsements) : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public string Kid { get; } = kid;

    public IReadOnlyList<string> Endorsements { get; } = endorsements;

    public RSAParameters Public => _rsa.ExportParameters(false);

    /// <summary>The JWKS entry, as login.botframework.com writes it (x5c left out: the key is not a certificate here).</summary>
    public JsonObject Jwk(bool withEndorsements = true)
    {
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(Public.Modulus),
            ["e"] = Base64UrlEncoder.Encode(Public.Exponent),
        };
        if (withEndorsements)
        {
            jwk["endorsements"] = new JsonArray(Endorsements.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray());
        }

        return jwk;
    }

    /// <summary>A signed JWT; <paramref name="kid"/> overrides the header's kid (null omits it).</summary>
    public string Mint(TokenSpec spec, string? kid = "", string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var key = new RsaSecurityKey(_rsa) { KeyId = kid == "" ? Kid : kid };
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(spec.Descriptor(new SigningCredentials(key, algorithm)));
    }

    public void Dispose() => _rsa.Dispose();
}

/// <summary>What goes into a token; the defaults make a valid Bot Framework token at <paramref name="now"/>.</summary>
internal sealed record TokenSpec(DateTimeOffset Now)
{
    public string? Issuer { get; init; } = "https://api.botframework.com";

    public object? Audience { get; init; } = AuthWorld.AppId;

    public string? ServiceUrl { get; init; } = AuthWorld.ServiceUrl;

    public DateTimeOffset? NotBefore { get; init; } = Now.AddMinutes(-5);

    public DateTimeOffset? Expires { get; init; } = Now.AddHours(1);

    public SecurityTokenDescriptor Descriptor(SigningCredentials? credentials)
    {
        var claims = new Dictionary<string, object> { ["appid"] = "bf-connector" };
        if (ServiceUrl is not null)
        {
            claims["serviceurl"] = ServiceUrl;
        }

        if (Audience is not null)
        {
            claims["aud"] = Audience;
        }

        return new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Claims = claims,
            IssuedAt = NotBefore?.UtcDateTime,
            NotBefore = NotBefore?.UtcDateTime,
            Expires = Expires?.UtcDateTime,
            SigningCredentials = credentials,
            Subject = new ClaimsIdentity(),
        };
    }
}
