namespace ChatOpsJit.Testing.Slack;

/// <summary>Who and where in the stand-in's workspace: its users, the channels the bot is in, and the DMs it opened.</summary>
internal sealed class SlackDirectory(SlackStandInOptions options)
{
    private readonly object _gate = new();
    private readonly List<SlackUser> _users = [];
    private readonly HashSet<string> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _conversationByMembers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _membersByConversation = new(StringComparer.Ordinal);
    private int _conversationCounter;

    public SlackUser AddUser(string email, string name, string? realName)
    {
        lock (_gate)
        {
            if (_users.Any(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"a user with email {email} is already in the workspace", nameof(email));
            }

            var user = new SlackUser($"U{_users.Count + 1:D7}", email, name, realName ?? name);
            _users.Add(user);
            return user;
        }
    }

    /// <summary>A user by id, or by email (Slack matches emails without regard to case).</summary>
    public SlackUser? FindUser(string idOrEmail)
    {
        lock (_gate)
        {
            return _users.FirstOrDefault(u => u.Id == idOrEmail || string.Equals(u.Email, idOrEmail, StringComparison.OrdinalIgnoreCase));
        }
    }

    public IReadOnlyList<SlackUser> Users
    {
        get
        {
            lock (_gate)
            {
                return _users.ToArray();
            }
        }
    }

    public void AddChannel(string id)
    {
        lock (_gate)
        {
            _channels.Add(id);
        }
    }

    /// <summary>
    /// The conversation with these users (conversations.open): one user is a DM (D…), several a group DM (G…).
    /// The same users always get the same id; AlreadyOpen says whether it existed before.
    /// </summary>
    public (string Id, bool AlreadyOpen) Open(IReadOnlyList<string> userIds)
    {
        var members = userIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var key = string.Join(',', members);
        lock (_gate)
        {
            if (_conversationByMembers.TryGetValue(key, out var existing))
            {
                return (existing, true);
            }

            var id = $"{(members.Length == 1 ? 'D' : 'G')}{++_conversationCounter:D7}";
            _conversationByMembers[key] = id;
            _membersByConversation[id] = members;
            _channels.Add(id);
            return (id, false);
        }
    }

    /// <summary>
    /// Where a message to <paramref name="channel"/> goes, or null when Slack would answer channel_not_found.
    /// Like Slack, a user id means the bot's DM with that user.
    /// </summary>
    public string? ResolveChannel(string? channel)
    {
        if (string.IsNullOrEmpty(channel))
        {
            return null;
        }

        if (channel.StartsWith('U') || channel.StartsWith('W'))
        {
            return FindUser(channel) is { } user ? Open([user.Id]).Id : null;
        }

        lock (_gate)
        {
            if (_channels.Contains(channel))
            {
                return channel;
            }

            if (options.AutoCreateChannels && (channel.StartsWith('C') || channel.StartsWith('G')))
            {
                _channels.Add(channel);
                return channel;
            }

            return null;
        }
    }

    /// <summary>The members of a DM or group DM; null for a channel, which the stand-in takes everyone to be in.</summary>
    public IReadOnlyList<string>? MembersOf(string conversationId)
    {
        lock (_gate)
        {
            return _membersByConversation.GetValueOrDefault(conversationId);
        }
    }

    /// <summary>The DM channel the bot opened with a user, null when none was opened.</summary>
    public string? DirectMessageChannel(string userId)
    {
        lock (_gate)
        {
            return _conversationByMembers.GetValueOrDefault(userId);
        }
    }
}
