using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Ports;

/// <summary>
/// An optional power of a grantor: minting temporary credentials for an active grant on demand. The host detects it at
/// start-up; without it, cards offer no credentials button. Only the core decides who may ask (the requester, while
/// the grant is active); the credentials go privately to that person and are never stored, logged or audited.
/// </summary>
public interface ICredentialIssuer
{
    Task<AccessCredentials> IssueCredentialsAsync(AccessRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Temporary credentials scoped to one grant; <see cref="ToString"/> never shows the secret parts.</summary>
/// <param name="Environment">Shell lines that set the credentials (e.g. <c>export AWS_ACCESS_KEY_ID=…</c>).</param>
/// <param name="ConnectCommand">The command to run once they are set.</param>
public sealed record AccessCredentials(string KeyId, IReadOnlyList<string> Environment, string ConnectCommand, DateTimeOffset Expires)
{
    // Records print every member; credentials must not reach a log line through an innocent {Credentials} placeholder.
    public override string ToString() => $"AccessCredentials {{ KeyId = {KeyId}, Expires = {Expires:O}, secrets redacted }}";
}
