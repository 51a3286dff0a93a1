using System.Security.Cryptography;

namespace ChatOpsJit.Testing.Teams;

/// <summary>The tenant's people and channels: who exists, under which ids, who has the bot installed, each one's 1:1 chat.</summary>
internal sealed class TeamsDirectory
{
    private readonly object _gate = new();
    private readonly List<TeamsUser> _users = [];
    private readonly Dictionary<string, string> _personal = new(StringComparer.Ordinal);
    private readonly HashSet<string> _installed = new(StringComparer.Ordinal);
    private readonly List<TeamsChannel> _channels = [];

    public TeamsUser AddUser(string email, string name, bool botInstalled)
    {
        lock (_gate)
        {
            if (_users.Any(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"the stand-in already has a user {email}", nameof(email));
            }

            var user = new TeamsUser("29:1" + RandomId(60), Guid.NewGuid().ToString(), email, name);
            _users.Add(user);
            _personal[user.Id] = "a:1" + RandomId(100);
            if (botInstalled)
            {
                _installed.Add(user.Id);
            }

            return user;
        }
    }

    public TeamsChannel AddChannel(string name, string? conversationId = null)
    {
        lock (_gate)
        {
            var channel = new TeamsChannel(conversationId ?? ThreadId(), ThreadId(), name);
            _channels.Add(channel);
            return channel;
        }
    }

    public IReadOnlyList<TeamsUser> Users
    {
        get
        {
            lock (_gate)
            {
                return [.. _users];
            }
        }
    }

    /// <summary>A user by any id Teams takes for one: the 29: id, the Entra object id, or the UPN (any case).</summary>
    public TeamsUser? Find(string id)
    {
        lock (_gate)
        {
            return _users.FirstOrDefault(u => u.Id == id)
                ?? _users.FirstOrDefault(u => string.Equals(u.AadObjectId, id, StringComparison.OrdinalIgnoreCase))
                ?? _users.FirstOrDefault(u => string.Equals(u.UserPrincipalName, id, StringComparison.OrdinalIgnoreCase));
        }
    }

    public string PersonalConversationId(TeamsUser user)
    {
        lock (_gate)
        {
            return _personal.TryGetValue(user.Id, out var id) ? id : throw new ArgumentException($"{user.Email} is not a user of this stand-in", nameof(user));
        }
    }

    public TeamsUser? OwnerOfPersonal(string conversationId)
    {
        lock (_gate)
        {
            var owner = _personal.FirstOrDefault(p => p.Value == conversationId).Key;
            return owner is null ? null : _users.Single(u => u.Id == owner);
        }
    }

    public TeamsChannel? Channel(string conversationId)
    {
        lock (_gate)
        {
            return _channels.FirstOrDefault(c => c.ConversationId == conversationId);
        }
    }

    public TeamsChannel? Team(string teamId)
    {
        lock (_gate)
        {
            return _channels.FirstOrDefault(c => c.TeamId == teamId);
        }
    }

    public bool BotInstalled(TeamsUser user)
    {
        lock (_gate)
        {
            return _installed.Contains(user.Id);
        }
    }

    public void SetBotInstalled(TeamsUser user, bool installed)
    {
        lock (_gate)
        {
            if (!_personal.ContainsKey(user.Id))
            {
                throw new ArgumentException($"{user.Email} is not a user of this stand-in", nameof(user));
            }

            if (installed)
            {
                _installed.Add(user.Id);
            }
            else
            {
                _installed.Remove(user.Id);
            }
        }
    }

    private static string ThreadId() => $"19:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}@thread.tacv2";

    /// <summary>Letters, digits, '-' and '_': what Teams' opaque user and chat ids are made of.</summary>
    private static string RandomId(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", length);
}
