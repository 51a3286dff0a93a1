using ChatOpsJit.Core.Chat;
using ChatOpsJit.Core.Requests;

namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>A JITNA manual-approval policy: which nodes it covers, who approves in which order, for how long.</summary>
public sealed record ManualPolicy(
    string Name,
    string File,
    ManualPolicyTargets Targets,
    IReadOnlyList<ApprovalLevel> Levels,
    TimeSpan AccessDuration,
    TimeSpan MaxDuration,
    IReadOnlyDictionary<PlatformName, string> Channels)
{
    /// <summary>Whether an active grant under this policy may be extended, and how (<c>extension:</c>, default <c>approve</c>).</summary>
    public ExtensionRule Extension { get; init; } = ExtensionRule.Approve;

    /// <summary>The 1-based line in <see cref="File"/> of each level, in order, so a problem with a level can point at it.</summary>
    public IReadOnlyList<int> LevelLines { get; init; } = [];
}

/// <summary>Either every node, or the nodes carrying any one of these tag key/value pairs.</summary>
public sealed record ManualPolicyTargets(bool AllNodes, IReadOnlyList<NodeTag> Tags)
{
    public static ManualPolicyTargets All { get; } = new(true, []);

    public bool MatchesByTag(IReadOnlyDictionary<string, string> nodeTags) =>
        Tags.Any(t => nodeTags.TryGetValue(t.Key, out var value) && value == t.Value);

    public override string ToString() => AllNodes ? "all nodes" : string.Join(" or ", Tags);
}

/// <summary>A tag key and value; keys and values are case-sensitive, as in AWS.</summary>
public sealed record NodeTag(string Key, string Value)
{
    public override string ToString() => $"{Key}={Value}";
}
