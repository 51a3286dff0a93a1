using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;

namespace ChatOpsJit.Teams.Auth;

/// <summary>Who issued an inbound token, which decides where its signing keys come from.</summary>
public enum TokenSource
{
    /// <summary><c>https://api.botframework.com</c>, keys from the Bot Framework's OpenID metadata (they carry endorsements).</summary>
    BotFramework,

    /// <summary>The bot's own Entra tenant (single-tenant bots), keys from the tenant's metadata (no endorsements).</summary>
    Entra,
}

/// <summary>
/// The outcome of checking an inbound <c>Authorization</c> header: a short lowercase reason safe to log (never the
/// token), or the facts the activity must then agree with (<see cref="ActivityAuthorization"/>).
/// </summary>
public sealed class TokenValidation
{
    private TokenValidation(string? failure, TokenSource source, string? issuer, string? serviceUrl, IReadOnlyList<string> endorsements, IReadOnlyList<Claim> claims)
    {
        Failure = failure;
        Source = source;
        Issuer = issuer;
        ServiceUrl = serviceUrl;
        Endorsements = endorsements;
        Claims = claims;
    }

    /// <summary>Why the token was refused; null when it is valid.</summary>
    public string? Failure { get; }

    [MemberNotNullWhen(true, nameof(Issuer))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    public TokenSource Source { get; }

    /// <summary>The token's verified <c>iss</c>.</summary>
    public string? Issuer { get; }

    /// <summary>The token's <c>serviceurl</c> claim; always set on Bot Framework tokens that passed, may be null on Entra ones.</summary>
    public string? ServiceUrl { get; }

    /// <summary>The channels the signing key is endorsed for (Bot Framework keys); empty for Entra keys.</summary>
    public IReadOnlyList<string> Endorsements { get; }

    /// <summary>Every claim of the verified token, names as sent (no inbound claim mapping).</summary>
    public IReadOnlyList<Claim> Claims { get; }

    public static TokenValidation Fail(string reason) => new(reason, default, null, null, [], []);

    /// <summary>Only the validator vouches for a token (and tests, through InternalsVisibleTo).</summary>
    internal static TokenValidation Success(TokenSource source, string issuer, string? serviceUrl, IReadOnlyList<string> endorsements, IReadOnlyList<Claim> claims) =>
        new(null, source, issuer, serviceUrl, endorsements, claims);

    public override string ToString() => Succeeded ? $"valid {Source} token from {Issuer}" : $"refused: {Failure}";
}
