using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsJit.Aws.Inventory;

/// <summary>
/// The managed nodes of every configured account and Region, answered from memory. The listing is refreshed in the
/// background (<see cref="AwsOptions.InventoryRefresh"/>) and at once when a name is not found, at most once per
/// <see cref="MissRefreshInterval"/>, so a node launched a minute ago can be asked for without waiting for the cycle.
/// </summary>
public sealed class SsmInventory(NodeLister lister, IOptions<AwsOptions> options, TimeProvider time, ILogger<SsmInventory> logger) : INodeInventory
{
    /// <summary>How often a lookup that finds nothing may trigger a listing of its own.</summary>
    public static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Account, string Region), IReadOnlyList<Node>> _parts = [];
    private readonly TaskCompletionSource _firstLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile NodeCatalog _catalog = NodeCatalog.Empty;
    private Task? _refreshing;
    private DateTimeOffset _lastStarted = DateTimeOffset.MinValue;

    /// <summary>When the last full listing finished, or null before the first.</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    public int Count => _catalog.Count;

    public async ValueTask<NodeLookup> FindAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        var catalog = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        var found = catalog.Find(idOrName);
        if (found is not NodeLookup.NotFound || time.GetUtcNow() - _lastStarted < MissRefreshInterval)
        {
            return found;
        }

        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return _catalog.Find(idOrName);
    }

    public async ValueTask<IReadOnlyList<Node>> SearchAsync(string text, int limit, CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken).ConfigureAwait(false)).Search(text, limit);

    public async ValueTask<NodePage> ListAsync(int limit, string? after = null, CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken).ConfigureAwait(false)).List(limit, after);

    /// <summary>
    /// Lists every account and Region in parallel and swaps the result in whole. Callers arriving during a listing share
    /// it. A part that fails keeps its previous nodes (and says so in the log), so one unreachable Region hides nothing else.
    /// </summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_refreshing is not { IsCompleted: false })
            {
                _lastStarted = time.GetUtcNow();
                _refreshing = RefreshAllAsync();
            }

            return _refreshing.WaitAsync(cancellationToken);
        }
    }

    private async Task RefreshAllAsync()
    {
        var settings = options.Value;
        var started = time.GetTimestamp();
        var parts = settings.Accounts.SelectMany(a => settings.Regions.Select(r => (Account: a.Id, Region: r))).ToList();
        var listed = await Task.WhenAll(parts.Select(async part =>
        {
            try
            {
                return (part, Nodes: await lister.ListAsync(part.Account, part.Region, CancellationToken.None).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                logger.LogWarning("Listing the managed nodes of account {Account} in {Region} failed; keeping the last listing: {Error}", part.Account, part.Region, AwsErrors.Safe(e));
                return (part, Nodes: (IReadOnlyList<Node>?)null);
            }
        })).ConfigureAwait(false);

        lock (_gate)
        {
            foreach (var (part, nodes) in listed)
            {
                if (nodes is not null)
                {
                    _parts[part] = nodes;
                }
            }

            _catalog = new NodeCatalog(_parts.Values.SelectMany(n => n));
        }

        if (listed.Any(l => l.Nodes is not null))
        {
            LoadedAt = time.GetUtcNow();
        }

        logger.LogInformation("Inventory: {Nodes} managed nodes in {Parts} account/Region pairs ({Failed} failed), listed in {Elapsed:F0} ms",
            _catalog.Count, parts.Count, listed.Count(l => l.Nodes is null), time.GetElapsedTime(started).TotalMilliseconds);
        _firstLoad.TrySetResult();
    }

    // Before the first listing there is nothing to answer from; a lookup waits for it rather than saying "no such node".
    private async ValueTask<NodeCatalog> CurrentAsync(CancellationToken ct)
    {
        if (!_firstLoad.Task.IsCompleted)
        {
            await RefreshAsync(ct).ConfigureAwait(false);
        }

        return _catalog;
    }
}
