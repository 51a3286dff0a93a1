namespace ChatOpsJit.Core.Audit;

/// <summary>The names audit records carry: the audit trail's public vocabulary, also what a SIEM filters on.</summary>
public static class AuditKinds
{
    public const string RequestSubmitted = "request.submitted";
    public const string RequestAutoApproved = "request.auto-approved";
    public const string RequestDenied = "request.denied";
    public const string RequestFailed = "request.failed";
    public const string LevelApproved = "request.level-approved";
    public const string RequestApproved = "request.approved";
    public const string RequestRejected = "request.rejected";
    public const string RequestCancelled = "request.cancelled";
    public const string RequestRevoked = "request.revoked";
    public const string RequestTimedOut = "request.timed-out";
    public const string RequestExpired = "request.expired";
    public const string GrantIssued = "grant.issued";
    public const string GrantFailed = "grant.failed";
    public const string GrantWithdrawn = "grant.withdrawn";
    public const string SessionsSwept = "grant.sessions-swept";
    public const string CredentialsIssued = "credentials.issued";
    public const string RequestReminded = "request.reminded";
    public const string ExtensionRequested = "extension.requested";
    public const string ExtensionLevelApproved = "extension.level-approved";
    public const string RequestExtended = "request.extended";
    public const string ExtensionRejected = "extension.rejected";

    /// <summary>The chain moved to a new sealing key (a new epoch); written by the store, not by a transition.</summary>
    public const string KeyRotated = "audit.key-rotated";
}
