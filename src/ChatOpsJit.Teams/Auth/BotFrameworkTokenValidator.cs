using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsJit.Teams.Auth;

/// <summary>
/// Checks the <c>Authorization</c> header of a Bot Connector request (chat-protocols §7): a Bearer JWT, RS256/384/512,
/// issued by the Bot Framework (or, for single-tenant bots, by the bot's own Entra tenant), for this bot's app id and
/// never for the connector's audience, within its lifetime give or take five minutes, and signed by a key of the
/// issuer's own key set. The unverified <c>iss</c> only picks the key set; everything is then verified. A refusal is a
/// short lowercase reason for the caller's one log line; the token itself is never logged or returned.
/// </summary>
public sealed class BotFrameworkTokenValidator
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>The audience of bot → connector tokens: any app can obtain one, so it is never accepted inbound.</summary>
    public const string ConnectorAudience = "https://api.botframework.com";

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>What Microsoft's own SDK allows; the Bot Framework signs with RS256.</summary>
    public static readonly IReadOnlyList<string> Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    /// <summary>Bot Framework tokens are about 1.5 KB; anything near this is not one.</summary>
    public const int MaxTokenLength = 16 * 1024;

    private readonly BotFrameworkKeys _keys;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false, MaximumTokenSizeInBytes = MaxTokenLength };
    private readonly string? _appId;
    private readonly string[] _entraIssuers;

    public BotFrameworkTokenValidator(BotFrameworkKeys keys, IOptions<TeamsOptions> options, TimeProvider time)
    {
        _keys = keys;
        _time = time;
        var settings = options.Value;
        _appId = Guid.TryParse(settings.AppId, out var appId) ? appId.ToString("D") : null;
        _entraIssuers = Guid.TryParse(settings.TenantId, out var tenant)
            ? [$"https://sts.windows.net/{tenant:D}/", $"https://login.microsoftonline.com/{tenant:D}/v2.0"]
            : [];
    }

    public async Task<TokenValidation> ValidateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        if (_appId is null)
        {
            return TokenValidation.Fail("teams app id not configured");
        }

        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return TokenValidation.Fail("no bearer token");
        }

        // The scheme is case-insensitive (RFC 9110 §11.1); nothing but a token may follow it.
        var header = authorizationHeader.Trim();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !header[..space].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return TokenValidation.Fail(space < 0 && header.Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? "no bearer token" : "not a bearer token");
        }

        var token = header[(space + 1)..].Trim();
        if (token.Length == 0)
        {
            return TokenValidation.Fail("no bearer token");
        }

        if (token.Length > MaxTokenLength)
        {
            return TokenValidation.Fail("token too large");
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or FormatException or System.Text.Json.JsonException)
        {
            return TokenValidation.Fail("malformed token");
        }

        if (jwt.IsEncrypted)
        {
            return TokenValidation.Fail("encrypted token");
        }

        if (!Algorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return TokenValidation.Fail("algorithm not allowed");
        }

        // Unverified, and used only to choose the key set and the issuers allowed; the handler verifies it below.
        var (source, issuers) = Issuers(jwt.Issuer);
        if (issuers.Length == 0)
        {
            return TokenValidation.Fail("wrong issuer");
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return TokenValidation.Fail("token has no key id");
        }

        var audiences = jwt.Audiences.ToList();
        if (audiences.Contains(ConnectorAudience, StringComparer.OrdinalIgnoreCase))
        {
            return TokenValidation.Fail("audience is the connector's");
        }

        if (audiences.Count != 1 || !audiences[0].Equals(_appId, StringComparison.OrdinalIgnoreCase))
        {
            return TokenValidation.Fail("wrong audience");
        }

        var lookup = await _keys.FindAsync(source, jwt.Kid, cancellationToken).ConfigureAwait(false);
        if (lookup.Key is not { } key)
        {
            return TokenValidation.Fail(lookup.Failure!);
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = issuers,
            ValidateIssuer = true,
            ValidAudience = audiences[0],
            ValidateAudience = true,
            IssuerSigningKeys = [key.Key],
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            // TokenValidationParameters.TimeProvider is internal in 8.23, so the lifetime is checked here, on our clock.
            LifetimeValidator = ValidateLifetime,
            ValidateTokenReplay = false,
        };

        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return TokenValidation.Fail(Reason(result.Exception));
        }

        var serviceUrl = jwt.TryGetPayloadValue<string>("serviceurl", out var url) && !string.IsNullOrEmpty(url) ? url : null;
        return TokenValidation.Success(source, jwt.Issuer, serviceUrl, key.Endorsements, jwt.Claims.ToList());
    }

    // Replaces the handler's own check entirely (it then checks nothing else about the lifetime), so exp is required here.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("the token has no exp");
        }

        if (notBefore is { } nbf && nbf > exp)
        {
            throw new SecurityTokenInvalidLifetimeException("the token's nbf is after its exp");
        }

        if (notBefore is { } start && start > now + ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("the token is not valid yet");
        }

        if (exp < now - ClockSkew)
        {
            throw new SecurityTokenExpiredException("the token has expired");
        }

        return true;
    }

    private (TokenSource Source, string[] Issuers) Issuers(string? issuer)
    {
        if (string.Equals(issuer, BotFrameworkIssuer, StringComparison.Ordinal))
        {
            return (TokenSource.BotFramework, [BotFrameworkIssuer]);
        }

        return _entraIssuers.Contains(issuer, StringComparer.Ordinal) ? (TokenSource.Entra, _entraIssuers) : (TokenSource.BotFramework, []);
    }

    // Most specific first: the expired and not-yet-valid exceptions are lifetime exceptions, key-not-found a signature one.
    private static string Reason(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "token expired",
        SecurityTokenNotYetValidException => "token not yet valid",
        SecurityTokenNoExpirationException => "token has no expiry",
        SecurityTokenInvalidLifetimeException => "token lifetime invalid",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed",
        SecurityTokenSignatureKeyNotFoundException => "signature key unknown",
        SecurityTokenInvalidSignatureException => "bad signature",
        SecurityTokenMalformedException => "malformed token",
        _ => "invalid token",
    };
}
