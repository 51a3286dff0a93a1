namespace ChatOpsJit.Core.Text;

/// <summary>How a person is named on cards and status lines: the directory's display name with the email, everywhere alike.</summary>
public static class People
{
    public static string Display(string? name, string? email) =>
        string.IsNullOrWhiteSpace(email) ? name ?? "-"
        : string.IsNullOrWhiteSpace(name) || string.Equals(name, email, StringComparison.OrdinalIgnoreCase) ? email
        : $"{name} ({email})";
}
