using System.Security.Cryptography;
using System.Text;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Serialization;

namespace ChatOpsJit.Core.Audit;

/// <summary>
/// What a transition left the request as, sealed into its audit record: the state, version and deadlines in plain
/// sight, and a digest of the whole request as stored, so a request row edited behind the workflow's back shows.
/// </summary>
/// <param name="Digest">Hex SHA-256 of <c>CoreJson.Serialize(request)</c>, the JSON the store keeps.</param>
public sealed record AuditedRequest(AccessRequestState State, long Version, DateTimeOffset? PendingUntil, DateTimeOffset? ExpiresAt, string Digest)
{
    public static AuditedRequest Of(AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.State, request.Version, request.PendingUntil, request.ExpiresAt, DigestOf(CoreJson.Serialize(request)));
    }

    public static string DigestOf(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
