namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>Rules that hold across all manual policies of a folder.</summary>
public static class ManualPolicyRules
{
    public static IEnumerable<PolicyProblem> Check(IReadOnlyList<ManualPolicy> policies, int fileCount)
    {
        if (fileCount > ManualPolicyLimits.MaxPolicies)
        {
            yield return new PolicyProblem(JitnaPolicyFolder.ManualFolder, 1, 1,
                $"{fileCount} manual policies; JITNA allows at most {ManualPolicyLimits.MaxPolicies} per account and Region");
        }

        foreach (var duplicate in policies.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            yield return new PolicyProblem(duplicate.Last().File, 1, 1,
                $"policy name '{duplicate.Key}' is used by {string.Join(" and ", duplicate.Select(p => p.File))}");
        }

        var allNodes = policies.Where(p => p.Targets.AllNodes).ToList();
        if (allNodes.Count > 1)
        {
            yield return new PolicyProblem(allNodes[1].File, 1, 1,
                $"only one manual policy may target all nodes; '{allNodes[0].Name}' and '{allNodes[1].Name}' both do");
        }

        var owners = new Dictionary<NodeTag, ManualPolicy>();
        foreach (var policy in policies)
        {
            foreach (var tag in policy.Targets.Tags.Distinct())
            {
                if (owners.TryGetValue(tag, out var owner))
                {
                    yield return new PolicyProblem(policy.File, 1, 1,
                        $"tag {tag} is already targeted by manual policy '{owner.Name}' ({owner.File}); a tag can be targeted by only one manual policy");
                }
                else
                {
                    owners[tag] = policy;
                }
            }
        }
    }
}
