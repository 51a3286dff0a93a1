using System.Collections.Concurrent;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.EndToEnd.Tests.Infrastructure;

/// <summary>A grantor that is not the sandbox (as AWS will be), recording what it was asked; it mints no credentials.</summary>
public sealed class ExternalGrantor : IAccessGrantor
{
    public ConcurrentQueue<string> Granted { get; } = new();

    public Task<GrantResult> GrantAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        Granted.Enqueue(request.Id);
        return Task.FromResult(new GrantResult($"aws ssm start-session --target {request.NodeId}"));
    }

    public Task<RevokeResult> RevokeAsync(AccessRequest request, CancellationToken cancellationToken = default) => Task.FromResult(new RevokeResult(0));
}
