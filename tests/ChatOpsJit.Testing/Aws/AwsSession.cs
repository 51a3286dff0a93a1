namespace ChatOpsJit.Testing.Aws;

/// <summary>A Session Manager session as it stands; a terminated one keeps its place with <see cref="Terminated"/> set.</summary>
/// <param name="Owner">The ARN that started it (an assumed-role ARN for a grant).</param>
public sealed record AwsSession(
    string SessionId,
    string Account,
    string Region,
    string Target,
    string Owner,
    string DocumentName,
    DateTimeOffset StartDate,
    bool Terminated = false,
    DateTimeOffset? TerminatedAt = null)
{
    /// <summary>SSM's status: Connected while active, Terminated after.</summary>
    public string Status => Terminated ? "Terminated" : "Connected";
}
