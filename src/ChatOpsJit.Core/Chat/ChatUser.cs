namespace ChatOpsJit.Core.Chat;

/// <summary>Who is speaking in a chat platform, after the adapter resolved them to an email.</summary>
/// <param name="UserId">The platform's own id for the person: Slack <c>U…</c>, Teams <c>aadObjectId</c>, the console's email.</param>
public sealed record ChatUser(PlatformName Platform, string UserId, string Email);
