using System.Text.Json.Serialization;

namespace ChatOpsJit.Core.Audit;

/// <summary>What a transition records in the audit trail: its kind, and a typed payload stored as the record's JSON data.</summary>
public abstract record AuditEvent([property: JsonIgnore] string Kind);

/// <summary>A request now waits for people, as the named manual policy says.</summary>
public sealed record RequestSubmitted(string Node, string Reason, string Policy, TimeSpan Duration) : AuditEvent(AuditKinds.RequestSubmitted);

/// <summary>Auto-approval statements granted the request without asking anyone.</summary>
public sealed record RequestAutoApproved(string Node, string Reason, IReadOnlyList<string> Statements, TimeSpan Duration) : AuditEvent(AuditKinds.RequestAutoApproved);

/// <summary>No policy lets the requester ask for the node.</summary>
public sealed record RequestDenied(string Node, string Reason, string Explanation) : AuditEvent(AuditKinds.RequestDenied);

/// <summary>The policies conflict (two manual policies match the node).</summary>
public sealed record RequestFailed(string Node, string Reason, IReadOnlyList<string> Conflict) : AuditEvent(AuditKinds.RequestFailed);

/// <summary>One approval at a level (1-based) that still needs more, or moved the request to the next level.</summary>
public sealed record LevelApproved(int Level) : AuditEvent(AuditKinds.LevelApproved);

/// <summary>The approval that completed the last level.</summary>
public sealed record RequestApproved(int Level) : AuditEvent(AuditKinds.RequestApproved);

/// <summary>An approver turned the request down at a level (1-based), with the reason they gave the requester, if any.</summary>
public sealed record RequestRejected(int Level, string? Reason = null) : AuditEvent(AuditKinds.RequestRejected);

/// <summary>The requester withdrew the pending request.</summary>
public sealed record RequestCancelled() : AuditEvent(AuditKinds.RequestCancelled);

/// <summary>Someone ended the grant before its window closed.</summary>
public sealed record RequestRevoked() : AuditEvent(AuditKinds.RequestRevoked);

/// <summary>Nobody answered before the pending deadline.</summary>
public sealed record RequestTimedOut(DateTimeOffset? PendingUntil) : AuditEvent(AuditKinds.RequestTimedOut);

/// <summary>The access window closed.</summary>
public sealed record RequestExpired(DateTimeOffset? ExpiresAt) : AuditEvent(AuditKinds.RequestExpired);

/// <summary>The grant was issued and the window opened.</summary>
public sealed record GrantIssued(DateTimeOffset ExpiresAt) : AuditEvent(AuditKinds.GrantIssued);

/// <summary>The grant could not be issued after retries.</summary>
public sealed record GrantFailed(int Attempts, string Error) : AuditEvent(AuditKinds.GrantFailed);

/// <summary>The grant was withdrawn and its live sessions ended.</summary>
/// <remarks>Each ended session is named by id, and each one that could not be ended by id and reason.</remarks>
public sealed record GrantWithdrawn(int SessionsEnded, IReadOnlyList<string>? Sessions = null, IReadOnlyList<string>? NotEnded = null) : AuditEvent(AuditKinds.GrantWithdrawn);

/// <summary>After the withdrawal, sessions started with credentials handed out before it were found and ended (or could not be).</summary>
public sealed record SessionsSwept(IReadOnlyList<string> Sessions, IReadOnlyList<string>? NotEnded = null) : AuditEvent(AuditKinds.SessionsSwept);

/// <summary>
/// The requester was handed temporary credentials. Only the key id (which CloudTrail logs too, for correlation) and
/// the expiry are kept; the secret parts never reach the audit trail.
/// </summary>
public sealed record CredentialsIssued(string KeyId, DateTimeOffset Expires) : AuditEvent(AuditKinds.CredentialsIssued);

/// <summary>The requester was reminded that the window closes at <see cref="ExpiresAt"/>.</summary>
public sealed record RequestReminded(DateTimeOffset ExpiresAt) : AuditEvent(AuditKinds.RequestReminded);

/// <summary>The requester asked for more time; extension <see cref="Round"/> now waits for the policy's approvers.</summary>
public sealed record ExtensionRequested(int Round, TimeSpan By) : AuditEvent(AuditKinds.ExtensionRequested);

/// <summary>One approval at a level (1-based) of an extension that still needs more, or moved it to the next level.</summary>
public sealed record ExtensionLevelApproved(int Round, int Level) : AuditEvent(AuditKinds.ExtensionLevelApproved);

/// <summary>The window was extended (by the last approval, or at once under an <c>auto</c> policy) and now ends at <see cref="ExpiresAt"/>.</summary>
public sealed record RequestExtended(int Round, TimeSpan By, DateTimeOffset? ExpiresAt) : AuditEvent(AuditKinds.RequestExtended);

/// <summary>An approver turned an extension down at a level (1-based); the grant keeps its end.</summary>
public sealed record ExtensionRejected(int Round, int Level, string? Reason = null) : AuditEvent(AuditKinds.ExtensionRejected);

/// <summary>Facts about events the workflow shares.</summary>
public static class AuditEvents
{
    /// <summary>The payload as stored: the event's own fields as a JSON object, without its kind.</summary>
    public static string Data(this AuditEvent e) => Serialization.CoreJson.Serialize<object>(e);
}

/// <summary>
/// The store began sealing with another key: a new epoch. Written by the store before the first event sealed with the new
/// key, itself sealed with the new key and linked to the last record of the old epoch.
/// </summary>
/// <param name="From">The key id of the records before (<c>sha256</c> after legacy records).</param>
/// <param name="Epoch">The epoch that starts here; the first keyed epoch is 1.</param>
public sealed record AuditKeyRotated(string From, string To, int Epoch) : AuditEvent(AuditKinds.KeyRotated);
