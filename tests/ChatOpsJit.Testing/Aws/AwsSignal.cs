namespace ChatOpsJit.Testing.Aws;

/// <summary>One SendAutomationSignal that reached an execution.</summary>
/// <param name="SignalType">Approve, Reject or Revoke.</param>
public sealed record AwsSignal(
    string Account,
    string Region,
    string AutomationExecutionId,
    string SignalType,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Payload,
    DateTimeOffset SentAt);
