namespace ChatOpsJit.Core.Scheduling;

/// <summary>Work that falls due at a time: the workflow's own follow-ups.</summary>
public enum JobKind
{
    /// <summary>Issue the grant of an approved request.</summary>
    Grant,
    /// <summary>Close an active grant's window.</summary>
    Expire,
    /// <summary>End the grant's live sessions after expiry or revocation.</summary>
    EndSessions,
    /// <summary>Give up on a request nobody answered.</summary>
    TimeOut,
    /// <summary>Tell the requester their window closes soon.</summary>
    Remind,
    /// <summary>End sessions started after the withdrawal with credentials handed out before it.</summary>
    SweepSessions,
    /// <summary>Tell the system a bridged request came from (JITNA) that the approvers rejected it.</summary>
    RelayRejection,
}
