namespace ChatOpsJit.Core.Identity;

/// <summary>The shape of <c>directory.yaml</c>.</summary>
public sealed class DirectoryFile
{
    public List<UserEntry> Users { get; set; } = [];

    public List<GroupEntry> Groups { get; set; } = [];

    /// <summary>One person in <c>directory.yaml</c>.</summary>
    public sealed class UserEntry
    {
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string IdentityCenterId { get; set; } = "";
        public List<string> Groups { get; set; } = [];
        public Dictionary<string, string> Attributes { get; set; } = [];
        public Dictionary<string, string> PrincipalTags { get; set; } = [];
    }

    /// <summary>One group in <c>directory.yaml</c>.</summary>
    public sealed class GroupEntry
    {
        public string Name { get; set; } = "";
        public string? Description { get; set; }
    }

    public static IReadOnlyDictionary<string, DirectoryUser> Parse(string yaml) => Serialization.Yaml.Read<DirectoryFile>(yaml).ToUsers();

    public IReadOnlyDictionary<string, DirectoryUser> ToUsers()
    {
        var users = new Dictionary<string, DirectoryUser>(StringComparer.OrdinalIgnoreCase);
        foreach (var u in Users)
        {
            if (string.IsNullOrWhiteSpace(u.Email) || !u.Email.Contains('@'))
            {
                throw new FormatException($"a user has no valid email ('{u.Email}')");
            }

            if (!users.TryAdd(u.Email, new DirectoryUser(u.Email, u.DisplayName.Length > 0 ? u.DisplayName : u.Email,
                    u.IdentityCenterId, u.Groups, u.Attributes, u.PrincipalTags)))
            {
                throw new FormatException($"user {u.Email} is listed twice");
            }
        }

        return users;
    }
}
