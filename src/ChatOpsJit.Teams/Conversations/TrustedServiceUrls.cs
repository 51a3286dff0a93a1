using System.Collections.Concurrent;
using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Ports;

namespace ChatOpsJit.Teams.Conversations;

/// <summary>
/// The service URLs the bot's token may be sent to: only those learned from authenticated activities, kept durably so a
/// restarted bot can still post. A forged <c>serviceUrl</c> would otherwise receive the bot's bearer token.
/// </summary>
public sealed class TrustedServiceUrls(IConversationStore store)
{
    private const string KeyPrefix = "service-url:";
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Trusts the service URL of an activity whose token was valid and whose <c>serviceurl</c> claim matched it.</summary>
    public async Task LearnAsync(Uri serviceUrl, CancellationToken ct)
    {
        var key = Normalize(serviceUrl);
        if (!_known.ContainsKey(key))
        {
            // Saved before it is trusted here, and whatever the caller's fate, so a restart trusts what this process did.
            await store.SaveAsync(PlatformName.Teams, KeyPrefix + key, key, CancellationToken.None).ConfigureAwait(false);
            _known.TryAdd(key, true);
        }
    }

    /// <summary>Whether the bot may send its token to <paramref name="serviceUrl"/>; another replica may have learned it, so a miss asks the store.</summary>
    public async Task<bool> IsTrustedAsync(Uri serviceUrl, CancellationToken ct)
    {
        var key = Normalize(serviceUrl);
        if (_known.ContainsKey(key))
        {
            return true;
        }

        if (await store.FindAsync(PlatformName.Teams, KeyPrefix + key, ct).ConfigureAwait(false) is null)
        {
            return false;
        }

        _known.TryAdd(key, true);
        return true;
    }

    /// <summary>One spelling per service: lowercase scheme and host, one trailing slash.</summary>
    public static string Normalize(Uri serviceUrl)
    {
        var text = serviceUrl.GetLeftPart(UriPartial.Path);
        return text.EndsWith('/') ? text : text + "/";
    }
}
