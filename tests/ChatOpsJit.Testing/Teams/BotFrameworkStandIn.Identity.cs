using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsJit.Testing.Teams;

/// <summary>Who signs what: the OpenID metadata and keys a host verifies inbound tokens with, and the token endpoint it gets its own from.</summary>
public sealed partial class BotFrameworkStandIn
{
    /// <summary>The issuer of every Bot Connector → bot token.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    private int _metadataFetches;
    private int _keyFetches;
    private int _entraMetadataFetches;
    private int _entraKeyFetches;
    private int _tokenRequests;

    /// <summary>The issuer of Entra v2 tokens of the bot's tenant.</summary>
    public string EntraIssuer => $"https://login.microsoftonline.com/{TenantId}/v2.0";

    /// <summary>GETs of the Bot Framework OpenID metadata.</summary>
    public int MetadataFetches => Volatile.Read(ref _metadataFetches);

    /// <summary>GETs of the Bot Framework JWKS.</summary>
    public int KeyFetches => Volatile.Read(ref _keyFetches);

    public int EntraMetadataFetches => Volatile.Read(ref _entraMetadataFetches);

    public int EntraKeyFetches => Volatile.Read(ref _entraKeyFetches);

    /// <summary>Every POST to the token endpoint, refused ones included.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>How many access tokens the token endpoint handed out.</summary>
    public int TokensIssued => _accessTokens.Count;

    /// <summary>How long an access token from now on is good for (expires_in); 1 h, as Entra's, by default.</summary>
    public TimeSpan AccessTokenLifetime
    {
        get => _tokenEndpoint.Lifetime;
        set => _tokenEndpoint.Lifetime = value;
    }

    /// <summary>Puts a Bot Framework key ("unpublished-key") in the JWKS from the next fetch on.</summary>
    public void PublishKey(string kid) => _keys.Publish(kid);

    /// <summary>Makes every access token issued so far unknown to the Connector, as if the app's secret had been rotated.</summary>
    public void RevokeAccessTokens() => _accessTokens.RevokeAll();

    /// <summary>A signed RS256 JWT as the Bot Connector sends with an activity; <paramref name="spec"/> left out makes a valid one.</summary>
    public string MintToken(InboundToken? spec = null)
    {
        spec ??= new InboundToken();
        var now = _time.GetUtcNow();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["iss"] = spec.Issuer,
            ["aud"] = spec.Audience ?? AppId,
            ["nbf"] = (spec.NotBefore ?? now.AddMinutes(-1)).ToUnixTimeSeconds(),
            ["exp"] = (spec.Expires ?? now.AddHours(1)).ToUnixTimeSeconds(),
        };
        if ((spec.ServiceUrlGiven ? spec.ServiceUrl : ServiceUrl.ToString()) is { } serviceUrl)
        {
            claims["serviceurl"] = serviceUrl;
        }

        if (spec.Kid == SigningKeys.EntraKey)
        {
            // Entra tokens name their tenant, and IdentityModel's AAD signing-key check needs it.
            claims["tid"] = TenantId;
        }

        foreach (var (name, value) in spec.ExtraClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        foreach (var name in spec.OmitClaims ?? [])
        {
            claims.Remove(name);
        }

        // Times only from the claims above: the handler's defaults would read the wall clock, not the stand-in's.
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(_keys.Signing(spec.Kid, spec.Forged), SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Counts the fetch, then answers it, or fails it as a test asked (<paramref name="fault"/>).</summary>
    private async Task<HttpAnswer> AnswerIdentityAsync(HttpContext context, string[] segments, HttpAnswer? fault)
    {
        var method = context.Request.Method;
        switch (method, segments)
        {
            case ("GET", ["v1", ".well-known", "openidconfiguration"]):
                Interlocked.Increment(ref _metadataFetches);
                return fault ?? HttpAnswer.Ok(BotFrameworkMetadata());
            case ("GET", ["v1", ".well-known", "keys"]):
                Interlocked.Increment(ref _keyFetches);
                return fault ?? HttpAnswer.Ok(_keys.BotFrameworkJwks());
            case ("GET", [var tenant, "v2.0", ".well-known", "openid-configuration"]):
                Interlocked.Increment(ref _entraMetadataFetches);
                return fault ?? UnknownTenant(tenant) ?? HttpAnswer.Ok(EntraMetadata());
            case ("GET", [var tenant, "discovery", "v2.0", "keys"]):
                Interlocked.Increment(ref _entraKeyFetches);
                return fault ?? UnknownTenant(tenant) ?? HttpAnswer.Ok(SigningKeys.EntraJwks());
            case ("POST", [var tenant, "oauth2", "v2.0", "token"]):
                Interlocked.Increment(ref _tokenRequests);
                if (fault is not null)
                {
                    return fault;
                }

                var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
                return _tokenEndpoint.Answer(tenant, form);
            default:
                return fault ?? ConnectorErrors.Error(404, "NotFound", $"The stand-in has nothing at {method} /{string.Join('/', segments)}.");
        }
    }

    /// <summary>The document login.botframework.com serves, with its keys here.</summary>
    private JsonObject BotFrameworkMetadata() => new()
    {
        ["issuer"] = BotFrameworkIssuer,
        ["jwks_uri"] = $"{_base}/v1/.well-known/keys",
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_signing_alg_values_supported"] = new JsonArray("RS256"),
    };

    /// <summary>The part of Entra's tenant metadata a bot reads: issuer, keys and token endpoint.</summary>
    private JsonObject EntraMetadata() => new()
    {
        ["token_endpoint"] = TokenEndpoint,
        ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
        ["jwks_uri"] = $"{_base}/{TenantId}/discovery/v2.0/keys",
        ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
        ["subject_types_supported"] = new JsonArray("pairwise"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
        ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
        ["issuer"] = EntraIssuer,
        ["authorization_endpoint"] = $"{_base}/{TenantId}/oauth2/v2.0/authorize",
        ["claims_supported"] = new JsonArray("sub", "iss", "aud", "exp", "iat", "nbf", "tid", "oid", "ver"),
    };

    private HttpAnswer? UnknownTenant(string tenant) =>
        string.Equals(tenant, TenantId, StringComparison.OrdinalIgnoreCase)
            ? null
            : EntraErrors.Error(400, "invalid_tenant", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.", _time.GetUtcNow());
}
