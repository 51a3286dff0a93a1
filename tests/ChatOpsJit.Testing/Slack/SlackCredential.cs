namespace ChatOpsJit.Testing.Slack;

/// <summary>Which token a Web API call carried; recorded instead of the token itself so no test output can leak one.</summary>
public enum SlackCredential
{
    None,
    BotToken,
    AppToken,

    /// <summary>A token the stand-in does not know (Slack answers invalid_auth).</summary>
    Unknown,
}
