using ChatOpsJit.Core.Identity;

namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>
/// Who can approve at each level of one manual policy: the directory's people when it is known; without it, only the
/// people the policy names by email, and a level naming any group counts as able to find anyone (unbounded).
/// </summary>
internal sealed record ApproverPool(
    IReadOnlyList<string> People,
    IReadOnlyList<IReadOnlyList<int>> Eligible,
    IReadOnlyList<bool> Unbounded,
    IReadOnlyList<(int Level, string Approver)> Unmatched)
{
    public static ApproverPool Build(ManualPolicy policy, IReadOnlyList<DirectoryUser>? directory) =>
        directory is null ? FromPolicy(policy) : FromDirectory(policy, directory);

    public IReadOnlyList<int> At(int level, int excluded = -1) => Eligible[level].Where(p => p != excluded).ToList();

    public string Names(IEnumerable<int> people) => ReachabilityWording.List(people.Select(p => People[p]));

    private static ApproverPool FromDirectory(ManualPolicy policy, IReadOnlyList<DirectoryUser> directory)
    {
        var people = directory.Where(u => policy.Levels.Any(l => l.Approvers.Any(u.Matches)))
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase).ToList();
        var eligible = policy.Levels
            .Select(l => (IReadOnlyList<int>)Enumerable.Range(0, people.Count).Where(i => l.Approvers.Any(people[i].Matches)).ToList()).ToList();
        var unmatched = policy.Levels.SelectMany((l, i) => l.Approvers.Where(a => !people.Any(u => u.Matches(a))).Select(a => (i, a))).ToList();
        return new ApproverPool(people.Select(u => u.Email).ToList(), eligible, policy.Levels.Select(_ => false).ToList(), unmatched);
    }

    private static ApproverPool FromPolicy(ManualPolicy policy)
    {
        var people = policy.Levels.SelectMany(l => l.Approvers).Where(IsEmail)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var eligible = policy.Levels.Select(l => (IReadOnlyList<int>)Enumerable.Range(0, people.Count)
            .Where(i => l.Approvers.Contains(people[i], StringComparer.OrdinalIgnoreCase)).ToList()).ToList();
        return new ApproverPool(people, eligible, policy.Levels.Select(l => !l.Approvers.All(IsEmail)).ToList(), []);
    }

    // The parser's rule too: an approver with an '@' is a person, anything else a group.
    public static bool IsEmail(string approver) => approver.Contains('@');
}
