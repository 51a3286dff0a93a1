namespace ChatOpsJit.Core.Ports;

/// <summary>
/// Thrown by a chat adapter when the person has no account on its platform (an approver who is in the directory but not
/// in the Slack workspace): retrying cannot help, so the workers give the message up at once, with a warning, not an error.
/// </summary>
public sealed class UnreachableRecipientException(string message) : Exception(message);
