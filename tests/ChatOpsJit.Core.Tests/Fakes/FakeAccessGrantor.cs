using System.Collections.Concurrent;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Tests.Fakes;

/// <summary>Records grants, withdrawals and relayed rejections; can be told to fail a number of grants (or relays) first.</summary>
public sealed class FakeAccessGrantor : IAccessGrantor, IDecisionRelay
{
    public ConcurrentQueue<string> Relayed { get; } = new();

    /// <summary>How many of the next relayed rejections throw.</summary>
    public int FailRelays { get; set; }

    /// <summary>How many of the next withdrawals throw.</summary>
    public int FailRevokes { get; set; }

    /// <summary>What every withdrawal says about sessions that may still start (a sweep deadline), if anything.</summary>
    public DateTimeOffset? SweepUntil { get; set; }

    /// <summary>Sessions a withdrawal reports it could not end ("id: why").</summary>
    public IReadOnlyList<string> NotEnded { get; set; } = [];

    public ConcurrentQueue<string> Granted { get; } = new();

    public ConcurrentQueue<string> Revoked { get; } = new();

    /// <summary>How many of the next grants throw.</summary>
    public int FailGrants { get; set; }

    /// <summary>How many live sessions a withdrawal ends.</summary>
    public int OpenSessions { get; set; }

    /// <summary>Runs inside every grant before it succeeds: a test holds the grant there, or moves the clock while it works.</summary>
    public Func<AccessRequest, Task>? WhileGranting { get; set; }

    public async Task<GrantResult> GrantAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        if (FailGrants > 0)
        {
            FailGrants--;
            throw new InvalidOperationException("token role cannot be assumed");
        }

        if (WhileGranting is { } hold)
        {
            await hold(request).ConfigureAwait(false);
        }

        Granted.Enqueue(request.Id);
        return new GrantResult($"aws ssm start-session --target {request.NodeId}");
    }

    public Task<RevokeResult> RevokeAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        if (FailRevokes > 0)
        {
            FailRevokes--;
            throw new InvalidOperationException("DescribeSessions is throttled");
        }

        Revoked.Enqueue(request.Id);
        return Task.FromResult(new RevokeResult(OpenSessions)
        {
            EndedSessionIds = Enumerable.Range(1, OpenSessions).Select(i => $"session-{Revoked.Count}-{i}").ToList(), NotEnded = NotEnded, SweepUntil = SweepUntil,
        });
    }

    public Task RelayRejectionAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        if (FailRelays > 0)
        {
            FailRelays--;
            throw new InvalidOperationException("JITNA is throttling");
        }

        Relayed.Enqueue(request.Id);
        return Task.CompletedTask;
    }
}
