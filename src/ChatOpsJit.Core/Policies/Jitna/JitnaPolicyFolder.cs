using ChatOpsJit.Core.Policies.Cedar;

namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>Loads a JITNA policy folder (<c>deny.cedar</c>, <c>auto-approval.cedar</c>, <c>manual/*.yaml</c>), all or nothing.</summary>
public static class JitnaPolicyFolder
{
    public const string ManualFolder = "manual";

    /// <summary>Loads and validates the folder; throws <see cref="PolicyLoadException"/> listing every problem.</summary>
    public static JitnaPolicySet Load(string folder, TimeSpan? autoApprovalDuration = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new PolicyLoadException([new PolicyProblem(folder, 1, 1, "policy folder does not exist")]);
        }

        var problems = new List<PolicyProblem>();
        var deny = LoadCedar(folder, JitnaCedarFile.DenyFile, CedarEffect.Forbid, problems);
        var auto = LoadCedar(folder, JitnaCedarFile.AutoApprovalFile, CedarEffect.Permit, problems);
        var manual = LoadManualPolicies(folder, problems);
        problems.AddRange(SharedStatementIds(deny, auto));
        var errors = problems.Where(p => !p.IsWarning).ToList();
        if (errors.Count > 0)
        {
            throw new PolicyLoadException(problems);
        }

        return new JitnaPolicySet(manual, problems, deny, auto, autoApprovalDuration);
    }

    // Both files' statements are evaluated as one set, so an @id may be used in only one of them.
    private static IEnumerable<PolicyProblem> SharedStatementIds(CedarPolicySet? deny, CedarPolicySet? auto)
    {
        var denyIds = (deny?.Policies ?? []).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        return (auto?.Policies ?? []).Where(p => denyIds.Contains(p.Id)).Select(p => new PolicyProblem(JitnaCedarFile.AutoApprovalFile, p.Line, p.Column,
            $"statement id '{p.Id}' is also used in {JitnaCedarFile.DenyFile}; give each statement its own @id"));
    }

    private static CedarPolicySet? LoadCedar(string folder, string name, CedarEffect effect, List<PolicyProblem> problems)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? JitnaCedarFile.Load(File.ReadAllText(path), name, effect, problems) : null;
    }

    private static IReadOnlyList<ManualPolicy> LoadManualPolicies(string folder, List<PolicyProblem> problems)
    {
        var manualFolder = Path.Combine(folder, ManualFolder);
        if (!Directory.Exists(manualFolder))
        {
            return [];
        }

        var files = Directory.EnumerateFiles(manualFolder)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        var policies = new List<ManualPolicy>();
        foreach (var file in files)
        {
            var display = Path.GetRelativePath(folder, file);
            if (ManualPolicyParser.Parse(File.ReadAllText(file), display, problems) is { } policy)
            {
                policies.Add(policy);
            }
        }

        problems.AddRange(ManualPolicyRules.Check(policies, files.Count));
        return policies;
    }
}
