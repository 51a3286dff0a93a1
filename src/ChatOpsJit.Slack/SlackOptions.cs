using System.ComponentModel.DataAnnotations;
using ChatOpsJit.Core.Configuration;

namespace ChatOpsJit.Slack;

/// <summary>
/// Slack settings (section <c>Slack</c>). Slack is on when the signing secret and the bot token are both set; one without
/// the other is a start-up error naming the missing key. Secrets are never logged, echoed in an error, or stored.
/// </summary>
public sealed class SlackOptions : IValidatableObject
{
    public const string Section = "Slack";

    /// <summary>Verifies that a request came from Slack (Basic Information → Signing Secret).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot's <c>xoxb-…</c> token for the Web API.</summary>
    public string? BotToken { get; set; }

    /// <summary>An app-level <c>xapp-…</c> token with <c>connections:write</c>; set, it switches on Socket Mode.</summary>
    public string? AppToken { get; set; }

    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>How long a Slack user's email (and an email's Slack user) is remembered.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdentityCacheTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a command may take before Slack gets a "working on it" ack and the answer follows by response_url.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:02.800")]
    public TimeSpan AckBudget { get; set; } = TimeSpan.FromSeconds(2.5);

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret) && !string.IsNullOrWhiteSpace(BotToken);

    public bool SocketMode => Enabled && !string.IsNullOrWhiteSpace(AppToken);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var secret = !string.IsNullOrWhiteSpace(SigningSecret);
        var bot = !string.IsNullOrWhiteSpace(BotToken);
        if (secret && !bot)
        {
            yield return new("Slack:BotToken is missing: Slack needs both Slack:SigningSecret and Slack:BotToken (the xoxb- token).", [nameof(BotToken)]);
        }

        if (bot && !secret)
        {
            yield return new("Slack:SigningSecret is missing: Slack needs both Slack:SigningSecret and Slack:BotToken.", [nameof(SigningSecret)]);
        }

        // The values are secrets: a mistake is described by its shape, never echoed.
        if (bot && !BotToken!.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            yield return new("Slack:BotToken does not look like a bot token; it starts with xoxb- (OAuth & Permissions → Bot User OAuth Token).", [nameof(BotToken)]);
        }

        if (!string.IsNullOrWhiteSpace(AppToken))
        {
            if (!AppToken.StartsWith("xapp-", StringComparison.Ordinal))
            {
                yield return new("Slack:AppToken does not look like an app-level token; it starts with xapp- (Basic Information → App-Level Tokens).", [nameof(AppToken)]);
            }

            if (!secret || !bot)
            {
                yield return new("Slack:AppToken switches on Socket Mode, which also needs Slack:SigningSecret and Slack:BotToken.", [nameof(AppToken)]);
            }
        }

        if (!SafeEndpoints.IsSecureOrLoopback(ApiBaseUrl))
        {
            // The bot token travels to this address; plain HTTP is for a stand-in on this machine only.
            yield return new($"Slack:ApiBaseUrl must be an https:// address (http:// only on loopback), e.g. https://slack.com/api/; got '{ApiBaseUrl}'.", [nameof(ApiBaseUrl)]);
        }
    }
}
