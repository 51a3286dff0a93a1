namespace ChatOpsJit.Testing.Teams;

/// <summary>Which of the two bodies Teams is known to send answers a bot writing to a user who has not installed it (HTTP 403 both).</summary>
public enum TeamsBlockedAnswer
{
    /// <summary>
    /// The documented one (send-proactive-messages, "blocked or uninstalled"): <c>{"errorCode":209,"message":"{…\"subCode\":
    /// \"MessageWritesBlocked\"…}"}</c>, the subCode inside a JSON string and no <c>error</c> envelope.
    /// </summary>
    MessageWritesBlocked,

    /// <summary>The Connector's usual envelope, as its status-code table lists it: <c>{"error":{"code":"ConversationBlockedByUser",…}}</c>.</summary>
    ConversationBlockedByUser,
}
