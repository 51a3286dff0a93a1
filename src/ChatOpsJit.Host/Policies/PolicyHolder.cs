using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Nodes;
using ChatOpsJit.Core.Policies;
using ChatOpsJit.Core.Policies.Jitna;

namespace ChatOpsJit.Host.Policies;

/// <summary>The policy set in force. Swapped whole when a valid new set loads; an invalid one never replaces it.</summary>
public sealed class PolicyHolder : IAccessPolicy
{
    private volatile JitnaPolicySet? _current;

    public bool IsLoaded => _current is not null;

    public JitnaPolicySet? Current => _current;

    /// <summary>The last load error, shown by readiness while no set is loaded.</summary>
    public string? LastError { get; private set; }

    public void Replace(JitnaPolicySet set)
    {
        _current = set;
        LastError = null;
    }

    public void Reject(string error) => LastError = error;

    public PolicyDecision Decide(DirectoryUser principal, Node node) =>
        (_current ?? throw new InvalidOperationException("no policy set is loaded")).Decide(principal, node);
}
