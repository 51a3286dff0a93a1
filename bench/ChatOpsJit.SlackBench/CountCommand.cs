// count: how many access requests the benchmarked host stored, in all and by the platform they came from (or their state).
using System.Globalization;

namespace ChatOpsJit.SlackBench;

internal static class CountCommand
{
    public static async Task<int> RunAsync(Args args)
    {
        await using var db = await BenchDatabase.OpenAsync(args);
        var by = args.Text("by", "platform") switch
        {
            "platform" => db.OriginPlatformSql,
            "state" => "state",
            var other => throw new ArgumentException($"--by must be platform or state, not '{other}'"),
        };
        var total = 0L;
        var parts = new List<string>();
        await foreach (var (group, count) in db.RowsAsync($"SELECT coalesce({by}, '?'), count(*) FROM access_requests GROUP BY 1 ORDER BY 1"))
        {
            var n = Convert.ToInt64(count, CultureInfo.InvariantCulture);
            total += n;
            parts.Add($"{group} {n}");
        }

        if (by == "state")
        {
            // The sandbox's own record of what it granted: a live grant is one not withdrawn yet.
            parts.Add($"live sandbox grants {await db.ScalarAsync("SELECT count(*) FROM sandbox_grants WHERE withdrawn_at IS NULL")}");
        }

        Console.WriteLine($"{total} ({string.Join(", ", parts)})");
        return 0;
    }
}
