using ChatOpsJit.Core.Policies.Jitna;

namespace ChatOpsJit.Core.Policies;

/// <summary>What the organisation's policies say about one person reaching one node, and why.</summary>
public abstract record PolicyDecision(string Explanation)
{
    /// <summary>Granted without asking anyone, by these auto-approval statements.</summary>
    public sealed record AutoApproved(IReadOnlyList<string> StatementIds, TimeSpan Duration, string Explanation) : PolicyDecision(Explanation);

    /// <summary>People must approve, as this manual policy says.</summary>
    public sealed record NeedsApproval(ManualPolicy Policy, string Explanation) : PolicyDecision(Explanation);

    /// <summary>No policy lets this person ask for this node.</summary>
    public sealed record Denied(string Explanation) : PolicyDecision(Explanation);

    /// <summary>The policies contradict each other (two manual policies match the node).</summary>
    public sealed record Failed(IReadOnlyList<string> ConflictingPolicies, string Explanation) : PolicyDecision(Explanation);
}
