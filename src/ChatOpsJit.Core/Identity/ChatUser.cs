namespace ChatOpsJit.Core.Identity;

/// <summary>Who is speaking in a chat platform, after the adapter resolved them to an email.</summary>
public sealed record ChatUser(string Platform, string Email);
