using System.Security.Cryptography;

namespace ChatOpsJit.Testing.Aws;

/// <summary>Everything the accounts hold: assumable roles, nodes, OpsItems and sessions.</summary>
/// <remarks>Behind one lock, so the operations read and change a consistent world whichever of the SDK's threads calls them.</remarks>
internal sealed class AwsWorld
{
    private readonly HashSet<string> _roles = new(StringComparer.Ordinal);
    private readonly List<AwsNode> _nodes = [];
    private readonly List<AwsOpsItem> _opsItems = [];
    private readonly List<AwsSession> _sessions = [];

    public object Gate { get; } = new();

    public void AddRole(string roleArn)
    {
        lock (Gate)
        {
            _roles.Add(roleArn);
        }
    }

    public bool HasRole(string roleArn)
    {
        lock (Gate)
        {
            return _roles.Contains(roleArn);
        }
    }

    public void AddNode(AwsNode node)
    {
        lock (Gate)
        {
            if (_nodes.Any(n => n.Id == node.Id))
            {
                throw new ArgumentException($"a node {node.Id} exists already", nameof(node));
            }

            _nodes.Add(node);
        }
    }

    /// <summary>The nodes of one account and Region, in the order added (which is the order SSM lists them in here).</summary>
    public IReadOnlyList<AwsNode> Nodes(string account, string region)
    {
        lock (Gate)
        {
            return _nodes.Where(n => n.Account == account && n.Region == region).ToList();
        }
    }

    public AwsNode? Node(string account, string id)
    {
        lock (Gate)
        {
            return _nodes.FirstOrDefault(n => n.Account == account && n.Id == id);
        }
    }

    public void AddOpsItem(AwsOpsItem item)
    {
        lock (Gate)
        {
            _opsItems.Add(item);
        }
    }

    public IReadOnlyList<AwsOpsItem> OpsItems(string account, string region)
    {
        lock (Gate)
        {
            return _opsItems.Where(o => o.Account == account && o.Region == region).ToList();
        }
    }

    public IReadOnlyList<AwsNode> AllNodes
    {
        get
        {
            lock (Gate)
            {
                return _nodes.ToList();
            }
        }
    }

    public IReadOnlyList<AwsOpsItem> AllOpsItems
    {
        get
        {
            lock (Gate)
            {
                return _opsItems.ToList();
            }
        }
    }

    /// <summary>Sets the status of the OpsItem of an execution; false when no OpsItem of that account and Region runs it.</summary>
    public bool SetOpsItemStatus(string account, string region, string executionId, string status, DateTimeOffset now)
    {
        lock (Gate)
        {
            var index = _opsItems.FindIndex(o => o.Account == account && o.Region == region && o.AutomationExecutionId == executionId);
            if (index < 0)
            {
                return false;
            }

            _opsItems[index] = _opsItems[index] with { Status = status, LastModifiedTime = now };
            return true;
        }
    }

    public AwsSession AddSession(string account, string region, string target, string owner, string document, string idPrefix, DateTimeOffset now)
    {
        var session = new AwsSession($"{idPrefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9))[..17]}", account, region, target, owner, document, now);
        lock (Gate)
        {
            _sessions.Add(session);
        }

        return session;
    }

    public IReadOnlyList<AwsSession> Sessions
    {
        get
        {
            lock (Gate)
            {
                return _sessions.ToList();
            }
        }
    }

    /// <summary>Ends an active session of the account and Region; the terminated one, or null when there is no such active session.</summary>
    public AwsSession? Terminate(string account, string region, string sessionId, DateTimeOffset now)
    {
        lock (Gate)
        {
            var index = _sessions.FindIndex(s => s.SessionId == sessionId && s.Account == account && s.Region == region && !s.Terminated);
            if (index < 0)
            {
                return null;
            }

            _sessions[index] = _sessions[index] with { Terminated = true, TerminatedAt = now };
            return _sessions[index];
        }
    }
}
