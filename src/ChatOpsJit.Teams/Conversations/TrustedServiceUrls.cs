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
    private volatile bool _loaded;

    /// <summary>Trusts the service URL of an activity whose token was valid and whose <c>serviceurl</c> claim matched it.</summary>
    public async Task LearnAsync(Uri serviceUrl, CancellationToken ct)
    {
        var key = Normalize(serviceUrl);
        if (_known.TryAdd(key, true))
        {
            await store.SaveAsync(PlatformName.Teams, KeyPrefix + key, key, ct).ConfigureAwait(false);
        }
    }

    public async Task<bool> IsTrustedAsync(Uri serviceUrl, CancellationToken ct)
    {
        if (!_loaded)
        {
            foreach (var url in await store.ListAsync(PlatformName.Teams, KeyPrefix, ct).ConfigureAwait(false))
            {
                _known.TryAdd(url, true);
            }

            _loaded = true;
        }

        return _known.ContainsKey(Normalize(serviceUrl));
    }

    /// <summary>One spelling per service: lowercase scheme and host, one trailing slash.</summary>
    public static string Normalize(Uri serviceUrl)
    {
        var text = serviceUrl.GetLeftPart(UriPartial.Path);
        return text.EndsWith('/') ? text : text + "/";
    }
}
