using System.Collections.Concurrent;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Host.Sandbox;

/// <summary>
/// The sandbox's stand-in for AWS: records grants and simulated sessions in memory and ends them on revocation.
/// Nothing here touches a real account.
/// </summary>
public sealed class SandboxGrantor(TimeProvider time, ILogger<SandboxGrantor> logger) : IAccessGrantor
{
    private readonly ConcurrentDictionary<string, SandboxGrant> _grants = new();

    public Task<GrantResult> GrantAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        var grant = _grants.GetOrAdd(request.Id, id => new SandboxGrant(id, request.NodeId, request.RequesterEmail, time.GetUtcNow()));
        logger.LogInformation("Sandbox grant for {RequestId}: {Requester} on {NodeId}", grant.RequestId, grant.Requester, grant.NodeId);
        var region = request.Region.Length > 0 ? $" --region {request.Region}" : "";
        return Task.FromResult(new GrantResult($"aws ssm start-session --target {request.NodeId}{region}"));
    }

    public Task<RevokeResult> RevokeAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        if (!_grants.TryGetValue(request.Id, out var grant))
        {
            return Task.FromResult(new RevokeResult(0));
        }

        var ended = grant.EndAll(time.GetUtcNow());
        logger.LogInformation("Sandbox grant for {RequestId} withdrawn; {Sessions} session(s) ended", request.Id, ended);
        return Task.FromResult(new RevokeResult(ended));
    }

    /// <summary>Simulates the requester connecting, as <c>aws ssm start-session</c> would; null when there is no live grant.</summary>
    public string? StartSession(string requestId)
    {
        if (!_grants.TryGetValue(requestId, out var grant) || grant.WithdrawnAt is not null)
        {
            return null;
        }

        return grant.Start(time.GetUtcNow());
    }

    public SandboxGrant? Find(string requestId) => _grants.GetValueOrDefault(requestId);
}

/// <summary>One simulated grant and its sessions.</summary>
public sealed class SandboxGrant(string requestId, string nodeId, string requester, DateTimeOffset grantedAt)
{
    private readonly Lock _gate = new();
    private readonly List<(string Id, DateTimeOffset Started, DateTimeOffset? Ended)> _sessions = [];

    public string RequestId { get; } = requestId;
    public string NodeId { get; } = nodeId;
    public string Requester { get; } = requester;
    public DateTimeOffset GrantedAt { get; } = grantedAt;
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public int LiveSessions
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count(s => s.Ended is null);
            }
        }
    }

    public string Start(DateTimeOffset at)
    {
        lock (_gate)
        {
            var id = $"{Requester.Split('@')[0]}-{RequestId}-{_sessions.Count + 1}";
            _sessions.Add((id, at, null));
            return id;
        }
    }

    public int EndAll(DateTimeOffset at)
    {
        lock (_gate)
        {
            WithdrawnAt ??= at;
            var ended = 0;
            for (var i = 0; i < _sessions.Count; i++)
            {
                if (_sessions[i].Ended is null)
                {
                    _sessions[i] = _sessions[i] with { Ended = at };
                    ended++;
                }
            }

            return ended;
        }
    }
}
