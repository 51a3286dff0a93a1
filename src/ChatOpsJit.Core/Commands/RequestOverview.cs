using ChatOpsJit.Core.Notifications;

namespace ChatOpsJit.Core.Commands;

/// <summary>What a person sees at a glance: a notice when they cannot use the bot, else their requests and those waiting for them.</summary>
public sealed record RequestOverview(ChatCard? Notice, IReadOnlyList<ChatCard> Mine, IReadOnlyList<ChatCard> WaitingForMe);
