using ChatOpsJit.Core.Identity;
using static ChatOpsJit.Core.Policies.Jitna.ReachabilityWording;

namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>
/// Warns about manual-policy levels that can never be satisfied. The workflow takes levels in order, each needs its
/// required count of distinct approvers, nobody approves at two levels of one request and the requester never approves
/// their own; so a policy can be approved exactly when every level can be given its count of different people.
/// </summary>
public static class ManualPolicyReachability
{
    /// <summary>
    /// The warnings for <paramref name="policies"/>, each at the policy's file and the level's line. With
    /// <paramref name="directory"/> null, group sizes are unknown and a level naming a group is taken to be satisfiable.
    /// </summary>
    public static IReadOnlyList<PolicyProblem> Check(IEnumerable<ManualPolicy> policies, IReadOnlyList<DirectoryUser>? directory) =>
        policies.SelectMany(p => Check(p, directory)).ToList();

    /// <summary>True when some level names a group, whose members only a directory can count.</summary>
    public static bool NamesGroups(IEnumerable<ManualPolicy> policies) =>
        policies.Any(p => p.Levels.Any(l => !l.Approvers.All(ApproverPool.IsEmail)));

    private static IEnumerable<PolicyProblem> Check(ManualPolicy policy, IReadOnlyList<DirectoryUser>? directory)
    {
        var pool = ApproverPool.Build(policy, directory);
        foreach (var (level, approver) in pool.Unmatched)
        {
            yield return Warning(policy, level, ApproverPool.IsEmail(approver)
                ? $"approver {approver} is not in the directory, so can never approve"
                : $"group '{approver}' has no members in the directory, so nobody in it can approve");
        }

        var shortfalls = Shortfalls(policy, pool, excluded: -1, out var matching);
        foreach (var shortfall in shortfalls)
        {
            yield return Warning(policy, shortfall.Level, NobodyCan(policy, pool, shortfall));
        }

        if (shortfalls.Count > 0)
        {
            yield break;
        }

        // Only someone the full assignment uses can be missed when they ask: anyone else leaves that assignment intact.
        foreach (var requester in matching.Assigned)
        {
            if (Shortfalls(policy, pool, requester, out _).FirstOrDefault() is { } shortfall)
            {
                yield return Warning(policy, shortfall.Level, RequesterCannot(policy, pool, requester, shortfall));
            }
        }
    }

    /// <summary>Where filling the levels in order falls short; a level that falls short is left empty for the next.</summary>
    private static List<Shortfall> Shortfalls(ManualPolicy policy, ApproverPool pool, int excluded, out ApproverMatching matching)
    {
        matching = new ApproverMatching(pool.Eligible, pool.People.Count, excluded);
        var filled = new List<int>();
        var shortfalls = new List<Shortfall>();
        for (var level = 0; level < policy.Levels.Count; level++)
        {
            var required = policy.Levels[level].Required;
            if (pool.Unbounded[level])
            {
                continue;
            }

            if (matching.Fill(level, required) < required)
            {
                shortfalls.Add(new Shortfall(level, matching.PeopleAt(level), pool.At(level, excluded), [.. filled]));
                matching.Release(level);
                continue;
            }

            filled.Add(level);
        }

        return shortfalls;
    }

    private static string NobodyCan(ManualPolicy policy, ApproverPool pool, Shortfall s)
    {
        var required = policy.Levels[s.Level].Required;
        var head = $"level {s.Level + 1} needs {Approvals(required)}, but";
        if (s.Available.Count < required || s.Filled.Count == 0)
        {
            return s.Available.Count == 0
                ? $"{head} nobody in the directory can give {Them(required)}"
                : $"{head} only {People(s.Available.Count)} can give {Them(required)} ({pool.Names(s.Available)})";
        }

        return s.Got.Count == 0
            ? $"{head} nobody can give {Them(required)} once {Filled(s.Filled)} ({pool.Names(s.Available)} cannot approve at two levels)"
            : $"{head} only {People(s.Got.Count)} can give {Them(required)} once {Filled(s.Filled)} ({pool.Names(s.Got)})";
    }

    private static string RequesterCannot(ManualPolicy policy, ApproverPool pool, int requester, Shortfall s)
    {
        var level = policy.Levels[s.Level];
        var name = pool.People[requester];
        var head = $"a request by {name} can never be approved: level {s.Level + 1} needs {Approvals(level.Required)} from {string.Join(", ", level.Approvers)}, and";
        if (s.Available.Count < level.Required || s.Filled.Count == 0)
        {
            return s.Available.Count == 0
                ? $"{head} {name} is its only {(level.Approvers.All(ApproverPool.IsEmail) ? "approver" : "member")}"
                : $"{head} only {OtherPeople(s.Available.Count)} can give {Them(level.Required)} ({pool.Names(s.Available)})";
        }

        return s.Got.Count == 0
            ? $"{head} nobody else can give {Them(level.Required)} once {Filled(s.Filled)} ({pool.Names(s.Available)} cannot approve at two levels)"
            : $"{head} only {OtherPeople(s.Got.Count)} can give {Them(level.Required)} once {Filled(s.Filled)} ({pool.Names(s.Got)})";
    }

    private static PolicyProblem Warning(ManualPolicy policy, int level, string message) =>
        new(policy.File, level < policy.LevelLines.Count ? policy.LevelLines[level] : 1, 1, message, IsWarning: true);

    /// <summary>A level that could not be given its count: whom it got, who could approve it at all, which levels came first.</summary>
    private sealed record Shortfall(int Level, IReadOnlyList<int> Got, IReadOnlyList<int> Available, IReadOnlyList<int> Filled);
}
