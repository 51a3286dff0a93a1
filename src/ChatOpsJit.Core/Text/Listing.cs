namespace ChatOpsJit.Core.Text;

/// <summary>Lists in prose: <c>a</c>, <c>a and b</c>, <c>a, b and c</c>.</summary>
public static class Listing
{
    public static string And(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count <= 1 ? string.Concat(all) : $"{string.Join(", ", all.Take(all.Count - 1))} and {all[^1]}";
    }
}
