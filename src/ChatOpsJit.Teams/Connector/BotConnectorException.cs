namespace ChatOpsJit.Teams.Connector;

/// <summary>The Bot Connector refused a call: its HTTP status, error code and message, and the operation id to quote to Microsoft.</summary>
public sealed class BotConnectorException(int status, string code, string message, string? correlationId)
    : Exception($"Teams refused the call ({status} {code}): {message}" + (correlationId is null ? "" : $" [operation {correlationId}]"))
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>The user blocked the bot, or never installed it in personal scope: a DM cannot reach them.</summary>
    public bool WritesBlocked => Status == 403;
}
