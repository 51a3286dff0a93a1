namespace ChatOpsJit.Core.Chat;

/// <summary>Whom a direct message goes to: always the email, and the platform's user id when the core knows it.</summary>
public sealed record DirectRecipient(string Email, string? UserId = null);
