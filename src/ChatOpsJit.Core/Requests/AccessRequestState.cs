namespace ChatOpsJit.Core.Requests;

/// <summary>Where an access request is in its life.</summary>
public enum AccessRequestState
{
    /// <summary>Waiting for the approvers of <see cref="AccessRequest.CurrentLevel"/>.</summary>
    Pending,
    /// <summary>Approved (by people or by policy); the grant is being issued.</summary>
    Approved,
    /// <summary>The grant is issued and the window is open.</summary>
    Active,
    Expired,
    Revoked,
    Rejected,
    Cancelled,
    TimedOut,
    /// <summary>Refused at submission: no applicable policy.</summary>
    Denied,
    /// <summary>A policy conflict, or a grant that could not be issued after retries.</summary>
    Failed,
}

/// <summary>Facts about states that the workflow and the adapters share.</summary>
public static class AccessRequestStates
{
    public static bool IsFinal(this AccessRequestState state) => state is
        AccessRequestState.Expired or AccessRequestState.Revoked or AccessRequestState.Rejected or
        AccessRequestState.Cancelled or AccessRequestState.TimedOut or AccessRequestState.Denied or
        AccessRequestState.Failed;

    public static bool IsOpen(this AccessRequestState state) => !state.IsFinal();
}
