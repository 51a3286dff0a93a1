namespace ChatOpsJit.Testing.Teams;

/// <summary>What <see cref="BotFrameworkStandIn.MintToken"/> puts in a token for an activity it sends; the defaults make a valid one.</summary>
/// <remarks>
/// Times left null are taken from the stand-in's clock when the token is minted, so one spec mints fresh tokens as a
/// fake clock moves. Every claim goes through the claims set as written (nbf after exp included), so a test can make
/// any broken token it needs.
/// </remarks>
public sealed record InboundToken
{
    private readonly string? _serviceUrl;

    /// <summary>"iss"; the Bot Framework's, <see cref="BotFrameworkStandIn.BotFrameworkIssuer"/>, by default.</summary>
    public string Issuer { get; init; } = BotFrameworkStandIn.BotFrameworkIssuer;

    /// <summary>"aud"; null means the bot's app id.</summary>
    public string? Audience { get; init; }

    /// <summary>
    /// The key that signs, also the "kid" header: "teams-key" (endorsed for msteams), "skype-key" (not for msteams),
    /// "unpublished-key" (not in the JWKS until published) or "entra-key" (the tenant's Entra key; adds "tid").
    /// </summary>
    public string Kid { get; init; } = "teams-key";

    /// <summary>
    /// The "serviceurl" claim; unset means the stand-in's <see cref="BotFrameworkStandIn.ServiceUrl"/>, null leaves the claim out.
    /// </summary>
    public string? ServiceUrl
    {
        get => _serviceUrl;
        init
        {
            _serviceUrl = value;
            ServiceUrlGiven = true;
        }
    }

    /// <summary>"nbf"; null means a minute before now.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>"exp"; null means an hour after now.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>Claims added, or put in place of the ones above.</summary>
    public IDictionary<string, object>? ExtraClaims { get; init; }

    /// <summary>Claims taken out after everything else ("exp", "aud"…), for tokens that lack one.</summary>
    public IReadOnlyCollection<string>? OmitClaims { get; init; }

    /// <summary>Signed by a key nobody publishes, under <see cref="Kid"/>'s name: the signature does not verify.</summary>
    public bool Forged { get; init; }

    internal bool ServiceUrlGiven { get; private init; }
}
