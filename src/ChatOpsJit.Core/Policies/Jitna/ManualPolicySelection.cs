using ChatOpsJit.Core.Nodes;

namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>JITNA's rules for which manual policy governs a node.</summary>
public static class ManualPolicySelection
{
    /// <summary>
    /// A tag-targeted policy beats the all-nodes policy; two tag-targeted matches are a conflict;
    /// no match at all means the node cannot be requested.
    /// </summary>
    /// <param name="otherPoliciesExist">True when Cedar statements exist, so "no policies are defined" would be wrong.</param>
    public static PolicyDecision Select(IReadOnlyList<ManualPolicy> policies, Node node, bool otherPoliciesExist = false)
    {
        var byTag = policies.Where(p => !p.Targets.AllNodes && p.Targets.MatchesByTag(node.Tags)).ToList();
        if (byTag.Count > 1)
        {
            var names = byTag.Select(p => p.Name).ToList();
            return new PolicyDecision.Failed(names,
                $"Manual policies {Text.Listing.And(names.Select(n => $"'{n}'"))} {(names.Count == 2 ? "both" : "all")} target {node.Display} " +
                $"(through its tags {string.Join(", ", byTag.SelectMany(p => p.Targets.Tags).Where(t => node.Tags.TryGetValue(t.Key, out var v) && v == t.Value))}). " +
                "JITNA refuses a request when manual policies overlap; an administrator must change one of them.");
        }

        if (byTag.Count == 1)
        {
            var policy = byTag[0];
            var tag = policy.Targets.Tags.First(t => node.Tags.TryGetValue(t.Key, out var v) && v == t.Value);
            return new PolicyDecision.NeedsApproval(policy,
                $"Manual policy '{policy.Name}' applies because {node.Display} has the tag {tag}; a tag-targeted policy takes precedence over the all-nodes policy. " +
                Describe(policy));
        }

        var all = policies.FirstOrDefault(p => p.Targets.AllNodes);
        if (all is not null)
        {
            return new PolicyDecision.NeedsApproval(all,
                $"Manual policy '{all.Name}' applies because it targets all nodes and no tag-targeted policy matches {node.Display}. " + Describe(all));
        }

        return new PolicyDecision.Denied(policies.Count == 0 && !otherPoliciesExist
            ? "No access policies are defined, so every request is denied."
            : $"No manual policy applies to {node.Display}: {NoneApplies}.");
    }

    /// <summary>Why no manual policy governs a node, for sentences that say so.</summary>
    public const string NoneApplies = "none targets its tags and there is no all-nodes policy";

    private static string Describe(ManualPolicy policy) =>
        $"It needs {string.Join(", then ", policy.Levels.Select((l, i) => $"level {i + 1}: {l.Required} of {string.Join(", ", l.Approvers)}"))}.";
}
