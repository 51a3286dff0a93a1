namespace ChatOpsJit.Core.Chat;

/// <summary>What a platform posted a card as, so the core can hand it back for every later update of that card.</summary>
/// <param name="MessageId">The platform's id for the message: Slack <c>ts</c>, Teams activity id, the console's sequence number.</param>
public sealed record CardReference(PlatformName Platform, string Channel, string MessageId);
