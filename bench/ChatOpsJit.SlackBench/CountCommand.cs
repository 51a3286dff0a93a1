// count: how many access requests the benchmarked host stored, in all and by the platform they came from.
using Microsoft.Data.Sqlite;

namespace ChatOpsJit.SlackBench;

internal static class CountCommand
{
    public static async Task<int> RunAsync(Args args)
    {
        await using var db = new SqliteConnection($"Data Source={args.Text("db")};Mode=ReadOnly");
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        var by = args.Text("by", "platform") switch
        {
            "platform" => "json_extract(json, '$.originPlatform')",
            "state" => "state",
            var other => throw new ArgumentException($"--by must be platform or state, not '{other}'"),
        };
        query.CommandText = $"SELECT coalesce({by}, '?'), count(*) FROM access_requests GROUP BY 1 ORDER BY 1";
        await using var rows = await query.ExecuteReaderAsync();
        var total = 0L;
        var parts = new List<string>();
        while (await rows.ReadAsync())
        {
            total += rows.GetInt64(1);
            parts.Add($"{rows.GetString(0)} {rows.GetInt64(1)}");
        }

        if (args.Text("by", "platform") == "state")
        {
            // The sandbox's own record of what it granted: a live grant is one not withdrawn yet.
            await rows.DisposeAsync();
            await using var grants = db.CreateCommand();
            grants.CommandText = "SELECT count(*) FROM sandbox_grants WHERE withdrawn_at IS NULL";
            parts.Add($"live sandbox grants {(long)(await grants.ExecuteScalarAsync())!}");
        }

        Console.WriteLine($"{total} ({string.Join(", ", parts)})");
        return 0;
    }
}
