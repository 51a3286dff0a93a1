namespace ChatOpsJit.Core.Identity;

/// <summary>A person as the organisation's directory knows them.</summary>
public sealed record DirectoryUser(
    string Email,
    string DisplayName,
    string IdentityCenterId,
    IReadOnlyList<string> Groups,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyDictionary<string, string> PrincipalTags)
{
    public bool IsIn(string group) => Groups.Contains(group, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when an approver entry (an email or a group name) names this user.</summary>
    public bool Matches(string approver) =>
        string.Equals(approver, Email, StringComparison.OrdinalIgnoreCase) || IsIn(approver);
}
