using ChatOpsJit.Core.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Teams.Auth;

/// <summary>
/// The keys that may sign an inbound Teams token: the Bot Framework's (with their endorsements) and the bot tenant's
/// Entra keys. Each set is fetched from its OpenID metadata and the JWKS it names, kept in memory, and refreshed every
/// <see cref="RefreshInterval"/>; a token with an unknown <c>kid</c> triggers a refresh, but no set is ever fetched more
/// than once per <see cref="MinFetchInterval"/>, so a stream of forged kids cannot turn the bot against Microsoft's
/// endpoints. One fetch per set is in flight at a time; callers wait for it. A failed refresh keeps the previous keys
/// until they are <see cref="MaxKeyAge"/> old, after which every token is refused until a fetch succeeds.
/// </summary>
public sealed class BotFrameworkKeys
{
    public const string HttpClientName = "TeamsAuth";

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(12);

    public static readonly TimeSpan MaxKeyAge = TimeSpan.FromHours(24);

    public static readonly TimeSpan MinFetchInterval = TimeSpan.FromMinutes(1);

    private readonly KeySource _botFramework;
    private readonly KeySource? _entra;

    public BotFrameworkKeys(IHttpClientFactory http, IOptions<TeamsOptions> options, TimeProvider time, ILogger<BotFrameworkKeys> logger)
    {
        var settings = options.Value;
        _botFramework = new KeySource("Bot Framework", settings.OpenIdMetadataUrl, http, time, logger);
        _entra = Guid.TryParse(settings.TenantId, out _) && Uri.TryCreate(
            settings.EntraOpenIdMetadataUrl.Replace("{TenantId}", settings.TenantId, StringComparison.Ordinal), UriKind.Absolute, out var entra)
            ? new KeySource("Entra tenant", entra, http, time, logger)
            : null;
    }

    /// <summary>The key <paramref name="kid"/> of <paramref name="source"/>'s set, fetching or refreshing the set as the rules allow.</summary>
    public Task<KeyLookup> FindAsync(TokenSource source, string kid, CancellationToken cancellationToken) => source switch
    {
        TokenSource.BotFramework => _botFramework.FindAsync(kid, cancellationToken),
        TokenSource.Entra when _entra is not null => _entra.FindAsync(kid, cancellationToken),
        _ => Task.FromResult(KeyLookup.Unavailable),
    };

    private sealed record Snapshot(IReadOnlyDictionary<string, SigningKey> Keys, DateTimeOffset FetchedAt);

    private sealed class KeySource(string name, Uri metadataUrl, IHttpClientFactory http, TimeProvider time, ILogger logger)
    {
        private readonly Lock _gate = new();
        private Snapshot? _keys;
        private DateTimeOffset? _lastAttempt;
        private Task? _fetch;

        public async Task<KeyLookup> FindAsync(string kid, CancellationToken cancellationToken)
        {
            var keys = Volatile.Read(ref _keys);
            var stale = keys is null || time.GetUtcNow() - keys.FetchedAt >= RefreshInterval;
            if (stale || !keys!.Keys.ContainsKey(kid))
            {
                if (StartFetch() is { } fetch)
                {
                    await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                keys = Volatile.Read(ref _keys);
            }

            if (keys is null || time.GetUtcNow() - keys.FetchedAt >= MaxKeyAge)
            {
                return KeyLookup.Unavailable;
            }

            return keys.Keys.TryGetValue(kid, out var key) ? KeyLookup.Found(key) : KeyLookup.Unknown;
        }

        /// <summary>The fetch in flight, a new one when the last began at least a minute ago, else null.</summary>
        private Task? StartFetch()
        {
            lock (_gate)
            {
                if (_fetch is { IsCompleted: false })
                {
                    return _fetch;
                }

                var now = time.GetUtcNow();
                if (_lastAttempt is { } last && now - last < MinFetchInterval)
                {
                    return null;
                }

                _lastAttempt = now;
                _fetch = Task.Run(FetchAsync);
                return _fetch;
            }
        }

        // Never throws: a failure is one error line, and the previous keys (if any) stay.
        private async Task FetchAsync()
        {
            if (!SafeEndpoints.IsSecureOrLoopback(metadataUrl))
            {
                logger.LogError("Refused the {Source} OpenID metadata at {Url}: plain http is allowed on loopback only", name, metadataUrl);
                return;
            }

            try
            {
                var client = http.CreateClient(HttpClientName);
                var (jwksUri, problem) = KeyDocuments.ReadMetadata(await GetAsync(client, metadataUrl).ConfigureAwait(false));
                if (jwksUri is null)
                {
                    logger.LogError("Could not use the {Source} OpenID metadata at {Url}: {Reason}", name, metadataUrl, problem);
                    return;
                }

                if (!SafeEndpoints.IsSecureOrLoopback(jwksUri))
                {
                    logger.LogError("Refused the {Source} OpenID metadata at {Url}: its jwks_uri {JwksUri} is plain http off loopback", name, metadataUrl, jwksUri);
                    return;
                }

                var (keys, why, skipped) = KeyDocuments.ReadKeys(await GetAsync(client, jwksUri).ConfigureAwait(false));
                if (keys is null)
                {
                    logger.LogError("Could not use the {Source} signing keys at {JwksUri}: {Reason}", name, jwksUri, why);
                    return;
                }

                Volatile.Write(ref _keys, new Snapshot(keys, time.GetUtcNow()));
                logger.LogInformation(
                    "Fetched {Count} {Source} signing keys from {JwksUri}{Skipped}",
                    keys.Count, name, jwksUri, skipped.Count > 0 ? $" (skipped: {string.Join("; ", skipped)})" : "");
            }
            catch (Exception e)
            {
                logger.LogError("Could not fetch the {Source} signing keys via {Url}: {Reason}", name, metadataUrl, e.Message);
            }
        }

        private static async Task<string> GetAsync(HttpClient client, Uri url)
        {
            using var response = await client.GetAsync(url).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{url} answered {(int)response.StatusCode}");
            }

            return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        }
    }
}
