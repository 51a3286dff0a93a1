using System.ComponentModel.DataAnnotations;
using ChatOpsJit.Core.Configuration;

namespace ChatOpsJit.Teams;

/// <summary>
/// Microsoft Teams settings (section <c>Teams</c>). Teams is on when the app id, its password and the tenant are all set;
/// a partial set is a start-up error naming the missing key. The password is never logged, echoed or stored.
/// </summary>
public sealed class TeamsOptions : IValidatableObject
{
    public const string Section = "Teams";

    /// <summary>The Azure Bot's Microsoft App ID (a GUID): the audience of every inbound token.</summary>
    public string? AppId { get; set; }

    /// <summary>The app registration's client secret, for the client-credentials token the Bot Connector wants.</summary>
    public string? AppPassword { get; set; }

    /// <summary>The bot's own Entra tenant (a GUID): where its token comes from and, by default, the one tenant allowed.</summary>
    public string? TenantId { get; set; }

    /// <summary>The Bot Framework's OpenID metadata, whose keys sign the Bot Connector's tokens.</summary>
    public Uri OpenIdMetadataUrl { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <summary>
    /// The bot tenant's Entra OpenID metadata, for single-tenant bots that receive Entra-issued tokens; <c>{TenantId}</c>
    /// is replaced by the tenant.
    /// </summary>
    public string EntraOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/{TenantId}/v2.0/.well-known/openid-configuration";

    /// <summary>Where the client-credentials token comes from; <c>{TenantId}</c> is replaced by the tenant.</summary>
    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/token";

    /// <summary>Tenants whose activities are accepted; empty means the bot's own tenant only.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>How long a Teams member's email (and an email's member) is remembered.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdentityCacheTime { get; set; } = TimeSpan.FromMinutes(5);

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppPassword) && !string.IsNullOrWhiteSpace(TenantId);

    /// <summary>The tenants allowed, the bot's own when none are listed.</summary>
    public IReadOnlySet<string> Tenants => new HashSet<string>(AllowedTenants.Count > 0 ? AllowedTenants : [TenantId ?? ""], StringComparer.OrdinalIgnoreCase);

    public Uri TokenUrl => new(TokenEndpoint.Replace("{TenantId}", TenantId, StringComparison.Ordinal));

    public Uri EntraMetadataUrl => new(EntraOpenIdMetadataUrl.Replace("{TenantId}", TenantId, StringComparison.Ordinal));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var set = new (string Key, string? Value)[] { ("AppId", AppId), ("AppPassword", AppPassword), ("TenantId", TenantId) };
        var missing = set.Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key).ToList();
        if (missing.Count is > 0 and < 3)
        {
            foreach (var key in missing)
            {
                yield return new($"Teams:{key} is missing: Teams needs Teams:AppId, Teams:AppPassword and Teams:TenantId together (Azure Bot → Configuration).", [key]);
            }

            yield break;
        }

        if (!Enabled)
        {
            yield break;
        }

        if (!Guid.TryParse(AppId, out _))
        {
            yield return new($"Teams:AppId must be the bot's Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000001; got '{AppId}'.", [nameof(AppId)]);
        }

        if (!Guid.TryParse(TenantId, out _))
        {
            yield return new($"Teams:TenantId must be the bot's Entra tenant id, a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47; got '{TenantId}'.", [nameof(TenantId)]);
        }

        foreach (var tenant in AllowedTenants.Where(t => !Guid.TryParse(t, out _)))
        {
            yield return new($"Teams:AllowedTenants lists '{tenant}', which is not a tenant id (a GUID).", [nameof(AllowedTenants)]);
        }

        // Signing keys and the bot's secret travel over these; plain HTTP is for a stand-in on this machine only.
        foreach (var (key, text) in new[] { ("OpenIdMetadataUrl", OpenIdMetadataUrl.ToString()), ("EntraOpenIdMetadataUrl", EntraOpenIdMetadataUrl), ("TokenEndpoint", TokenEndpoint) })
        {
            var resolved = text.Replace("{TenantId}", TenantId, StringComparison.Ordinal);
            if (!Uri.TryCreate(resolved, UriKind.Absolute, out var url) || !SafeEndpoints.IsSecureOrLoopback(url))
            {
                yield return new($"Teams:{key} must be an https:// address (http:// only on loopback), e.g. https://login.microsoftonline.com/...; got '{text}'.", [key]);
            }
        }
    }
}
