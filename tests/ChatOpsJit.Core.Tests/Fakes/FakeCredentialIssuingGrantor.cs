using System.Collections.Concurrent;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Tests.Fakes;

/// <summary>A grantor with the optional credentials power: grants through <see cref="FakeAccessGrantor"/>, mints numbered secrets.</summary>
public sealed class FakeCredentialIssuingGrantor(FakeAccessGrantor inner) : IAccessGrantor, ICredentialIssuer
{
    private int _minted;

    /// <summary>Every set minted, including any the workflow then discarded.</summary>
    public ConcurrentQueue<AccessCredentials> Minted { get; } = new();

    /// <summary>When set, minting throws this.</summary>
    public Exception? Failure { get; set; }

    public static string SecretOf(AccessCredentials credentials) => credentials.Environment.Single(e => e.Contains("SECRET", StringComparison.Ordinal));

    public Task<GrantResult> GrantAsync(AccessRequest request, CancellationToken cancellationToken = default) => inner.GrantAsync(request, cancellationToken);

    public Task<RevokeResult> RevokeAsync(AccessRequest request, CancellationToken cancellationToken = default) => inner.RevokeAsync(request, cancellationToken);

    public Task<AccessCredentials> IssueCredentialsAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        if (Failure is { } failure)
        {
            throw failure;
        }

        var n = Interlocked.Increment(ref _minted);
        var credentials = new AccessCredentials($"ASIAFAKE{n:D4}", [$"export AWS_ACCESS_KEY_ID=ASIAFAKE{n:D4}", $"export AWS_SECRET_ACCESS_KEY=SECRET-{n}-{request.Id}"],
            $"aws ssm start-session --target {request.NodeId}", request.ExpiresAt!.Value);
        Minted.Enqueue(credentials);
        return Task.FromResult(credentials);
    }
}
