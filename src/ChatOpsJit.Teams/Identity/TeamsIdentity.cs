using ChatOpsJit.Core.Chat;

namespace ChatOpsJit.Teams.Identity;

/// <summary>A Teams sender as the core sees them, or why they cannot be.</summary>
public sealed record TeamsIdentity(ChatUser? User, string? Refusal)
{
    public static TeamsIdentity Refused(string why) => new(null, why);
}
