namespace ChatOpsJit.Core.Policies.Jitna;

/// <summary>The small pieces of English the reachability warnings are built from.</summary>
internal static class ReachabilityWording
{
    private const int MaxNames = 5;

    /// <summary>Up to five names, then how many more, so a group of hundreds stays one readable line.</summary>
    public static string List(IEnumerable<string> names)
    {
        var all = names.ToList();
        var shown = string.Join(", ", all.Take(MaxNames));
        return all.Count > MaxNames ? $"{shown} and {all.Count - MaxNames} more" : shown;
    }

    public static string Approvals(int count) => count == 1 ? "1 approval" : $"{count} approvals";

    public static string People(int count) => count == 1 ? "1 person" : $"{count} people";

    public static string OtherPeople(int count) => count == 1 ? "1 other person" : $"{count} other people";

    public static string Them(int count) => count == 1 ? "it" : "them";

    /// <summary>"level 1 has its approvers", "levels 1 and 2 have their approvers" (levels are 0-based in, 1-based out).</summary>
    public static string Filled(IReadOnlyList<int> levels)
    {
        var numbers = levels.Select(l => (l + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return numbers.Count == 1
            ? $"level {numbers[0]} has its approvers"
            : $"levels {string.Join(", ", numbers[..^1])} and {numbers[^1]} have their approvers";
    }
}
