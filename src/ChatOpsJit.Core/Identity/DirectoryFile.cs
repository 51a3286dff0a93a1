namespace ChatOpsJit.Core.Identity;

/// <summary>The shape of <c>directory.yaml</c>.</summary>
public sealed class DirectoryFile
{
    // YAML turns an empty key into null whatever the declared type, so every list and field below may be null.
    public List<UserEntry?>? Users { get; set; } = [];

    public List<GroupEntry?>? Groups { get; set; } = [];

    /// <summary>One person in <c>directory.yaml</c>.</summary>
    public sealed class UserEntry
    {
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        public string? IdentityCenterId { get; set; }
        public List<string?>? Groups { get; set; }
        public Dictionary<string, string?>? Attributes { get; set; }
        public Dictionary<string, string?>? PrincipalTags { get; set; }
    }

    /// <summary>One group in <c>directory.yaml</c>.</summary>
    public sealed class GroupEntry
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
    }

    public static IReadOnlyDictionary<string, DirectoryUser> Parse(string yaml) => Serialization.Yaml.Read<DirectoryFile>(yaml).ToUsers();

    public IReadOnlyDictionary<string, DirectoryUser> ToUsers()
    {
        if (Users is null or { Count: 0 })
        {
            throw new FormatException("the directory lists no users (is 'users:' empty?)");
        }

        var users = new Dictionary<string, DirectoryUser>(StringComparer.OrdinalIgnoreCase);
        foreach (var (u, index) in Users.Select((u, i) => (u, i + 1)))
        {
            if (u is null)
            {
                throw new FormatException($"user entry {index} under 'users' is empty");
            }

            if (string.IsNullOrWhiteSpace(u.Email) || !u.Email.Contains('@'))
            {
                throw new FormatException($"user entry {index} has no valid email ('{u.Email}')");
            }

            var groups = (u.Groups ?? []).Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g!.Trim()).ToList();
            if (!users.TryAdd(u.Email, new DirectoryUser(u.Email, string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email : u.DisplayName,
                    u.IdentityCenterId ?? "", groups, Strings(u.Attributes), Strings(u.PrincipalTags))))
            {
                throw new FormatException($"user {u.Email} is listed twice");
            }
        }

        return users;
    }

    private static Dictionary<string, string> Strings(Dictionary<string, string?>? map) =>
        (map ?? []).ToDictionary(p => p.Key, p => p.Value ?? "", StringComparer.Ordinal);
}
