using ChatOpsJit.Core.Identity;
using ChatOpsJit.Core.Nodes;

namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>A validated set of JITNA policies, evaluated in JITNA's order.</summary>
public sealed class JitnaPolicySet(IReadOnlyList<ManualPolicy> manualPolicies, IReadOnlyList<PolicyProblem> warnings)
{
    public static JitnaPolicySet Empty { get; } = new([], []);

    public IReadOnlyList<ManualPolicy> ManualPolicies { get; } = manualPolicies;

    /// <summary>Things that load but deserve a look (e.g. a deprecated action spelling).</summary>
    public IReadOnlyList<PolicyProblem> Warnings { get; } = warnings;

    public PolicyDecision Decide(DirectoryUser principal, Node node) => ManualPolicySelection.Select(ManualPolicies, node);
}
