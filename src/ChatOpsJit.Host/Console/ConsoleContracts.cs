using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Workflow;

namespace ChatOpsJit.Host.Console;

/// <summary>A command typed in the console as a chosen user.</summary>
public sealed record ConsoleCommand(string? User, string? Text);

/// <summary>A button pressed in the console as a chosen user; <see cref="Confirmed"/> and <see cref="Input"/> answer a prompt.</summary>
public sealed record ConsoleAction(string? User, string? Verb, string? RequestId, bool? Confirmed = null, string? Input = null);

/// <summary>The sandbox's simulated <c>aws ssm start-session</c>.</summary>
public sealed record ConsoleSessionStart(string? User, string? RequestId);

/// <summary>The answer to a console command or action; <see cref="Reply"/> is shown only to the typist or clicker.</summary>
/// <param name="Card">For a button: the card it sat on, redrawn as it is now.</param>
/// <param name="Prompt">For a button that must be confirmed: what to ask; press again with <c>confirmed</c> (and <c>input</c>).</param>
public sealed record ConsoleReply(bool Ok, string? Error = null, ChatCard? Reply = null, string? Message = null, ChatCard? Card = null, ActionPrompt? Prompt = null);

/// <summary>A person the console can play.</summary>
public sealed record ConsoleUser(string Email, string DisplayName, IReadOnlyList<string> Groups);

/// <summary>Everything the console page shows.</summary>
public sealed record ConsoleTranscript(long Revision, IReadOnlyList<ConsoleConversation> Conversations);

/// <summary>One channel, DM or mailbox with its messages.</summary>
public sealed record ConsoleConversation(string Id, string Kind, string Name, IReadOnlyList<ConsoleMessage> Entries);

/// <summary>One message of a conversation.</summary>
public sealed record ConsoleMessage(long Seq, ChatCard Card, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Revision);
