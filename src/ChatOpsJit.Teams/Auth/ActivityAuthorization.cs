using ChatOpsJit.Core.Configuration;

namespace ChatOpsJit.Teams.Auth;

/// <summary>
/// The checks of chat-protocols §7 that need the activity as well as its token: the channel is Teams and (for Bot
/// Framework tokens) the signing key is endorsed for it; the token's <c>serviceurl</c> is the activity's
/// <c>serviceUrl</c>; the tenant is allowed. Entra keys carry no endorsements, so the endorsement check applies to
/// Bot Framework tokens only; Entra tokens have the issuer pinned to the bot's own tenant instead, and like every token
/// must carry the <c>serviceurl</c> claim.
/// </summary>
public static class ActivityAuthorization
{
    public const string TeamsChannel = "msteams";

    /// <summary>Null when the activity may be acted on; else why not, in words safe to log.</summary>
    /// <param name="tenantId"><c>conversation.tenantId</c>, or <c>channelData.tenant.id</c> when that is absent.</param>
    public static string? Check(TokenValidation token, string? channelId, string? serviceUrl, string? tenantId, TeamsOptions options)
    {
        if (!token.Succeeded)
        {
            return "the token was not validated";
        }

        if (!string.Equals(channelId, TeamsChannel, StringComparison.Ordinal))
        {
            return "channel is not msteams";
        }

        if (token.Source == TokenSource.BotFramework && !token.Endorsements.Contains(channelId, StringComparer.Ordinal))
        {
            return "signing key not endorsed for msteams";
        }

        // The bot later sends its own bearer token to this address, so it must be secure and vouched for by the token.
        if (string.IsNullOrEmpty(serviceUrl) || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url) || !SafeEndpoints.IsSecureOrLoopback(url))
        {
            return "activity serviceUrl missing or not https";
        }

        // Required of Entra tokens too: any app registered in the bot's tenant can get an Entra token for the bot's app id
        // by client credentials, but cannot put a serviceurl claim in it, so without one such a token could forge activities.
        if (token.ServiceUrl is null)
        {
            return "token has no serviceurl";
        }

        if (!string.Equals(TrimSlash(token.ServiceUrl), TrimSlash(serviceUrl), StringComparison.OrdinalIgnoreCase))
        {
            return "serviceurl does not match";
        }

        if (string.IsNullOrWhiteSpace(tenantId))
        {
            return "activity has no tenant";
        }

        return options.Tenants.Contains(tenantId) ? null : "tenant not allowed";
    }

    private static string TrimSlash(string url) => url.EndsWith('/') ? url[..^1] : url;
}
