// expiry: waits until N grants are withdrawn and the outbox is drained, then prints how late each withdrawal came.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsJit.Core.Audit;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Core.Serialization;

namespace ChatOpsJit.SlackBench;

internal static class ExpiryCommand
{
    public static async Task<int> RunAsync(Args args)
    {
        var count = args.Number("count");
        var timeout = TimeSpan.FromSeconds(args.Number("timeout", 600));
        var watch = Stopwatch.StartNew();
        await using var db = await BenchDatabase.OpenAsync(args);

        // Withdrawals first: every grant of the wave ended (its sessions with it).
        long withdrawn = 0;
        while ((withdrawn = await db.ScalarAsync($"SELECT count(*) FROM audit_log WHERE kind = '{AuditKinds.GrantWithdrawn}'")) < count)
        {
            if (watch.Elapsed > timeout)
            {
                Console.Error.WriteLine($"gave up: {withdrawn} of {count} grants withdrawn after {watch.Elapsed.TotalSeconds:F0} s");
                return 1;
            }

            await Task.Delay(500);
        }

        // Then the expiry DMs and emails behind them.
        var drainWatch = Stopwatch.StartNew();
        long undelivered;
        while ((undelivered = await db.ScalarAsync(db.UndeliveredSql)) > 0 && watch.Elapsed < timeout)
        {
            await Task.Delay(250);
        }

        var drainedAfterWithdrawals = drainWatch.Elapsed.TotalSeconds;
        var ends = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var (id, json) in db.RowsAsync("SELECT id, json FROM access_requests"))
        {
            if (CoreJson.Deserialize<AccessRequest>((string)json) is { ExpiresAt: { } end, ActivatedAt: not null })
            {
                ends[id] = end;
            }
        }

        var lateness = new List<double>();
        DateTimeOffset? lastWithdrawal = null;
        await foreach (var (id, at) in db.RowsAsync($"SELECT request_id, at FROM audit_log WHERE kind = '{AuditKinds.GrantWithdrawn}'"))
        {
            var withdrawnAt = BenchDatabase.ParseTime(at);
            lastWithdrawal = lastWithdrawal is { } l && l > withdrawnAt ? l : withdrawnAt;
            if (ends.TryGetValue(id, out var end))
            {
                lateness.Add((withdrawnAt - end).TotalSeconds);
            }
        }

        lateness.Sort();
        double P(double p) => lateness.Count == 0 ? double.NaN : lateness[Math.Min(lateness.Count - 1, (int)Math.Ceiling(p / 100 * lateness.Count) - 1)];
        var firstEnd = ends.Values.Min();
        var lastEnd = ends.Values.Max();
        var report = new JsonObject
        {
            ["grants"] = ends.Count,
            ["withdrawn"] = lateness.Count,
            ["endsSpanSeconds"] = Math.Round((lastEnd - firstEnd).TotalSeconds, 1),
            ["latenessP50"] = Math.Round(P(50), 3),
            ["latenessP90"] = Math.Round(P(90), 3),
            ["latenessP99"] = Math.Round(P(99), 3),
            ["latenessMax"] = Math.Round(lateness.LastOrDefault(), 3),
            ["withinMinute"] = lateness.Count(l => l <= 60),
            ["lastWithdrawalAfterLastEnd"] = lastWithdrawal is { } w ? Math.Round((w - lastEnd).TotalSeconds, 1) : null,
            ["outboxLeft"] = undelivered,
            ["outboxDrainedSecondsAfterLastWithdrawal"] = undelivered == 0 ? Math.Round(drainedAfterWithdrawals, 1) : null,
        };
        Console.WriteLine(FormattableString.Invariant(
            $"{lateness.Count} of {ends.Count} grants withdrawn (ends spread over {report["endsSpanSeconds"]} s); lateness p50 {P(50):F2} s, p90 {P(90):F2} s, p99 {P(99):F2} s, max {lateness.LastOrDefault():F2} s; {report["withinMinute"]} within 60 s"));
        Console.WriteLine(undelivered == 0
            ? FormattableString.Invariant($"outbox drained {drainedAfterWithdrawals:F1} s after the last withdrawal was seen")
            : $"outbox still holds {undelivered} undelivered messages");
        Console.WriteLine("histogram of lateness (s):");
        foreach (var (low, high) in new[] { (double.MinValue, 0.5), (0.5, 1), (1, 2), (2, 5), (5, 10), (10, 30), (30, 60), (60, double.MaxValue) })
        {
            var n = lateness.Count(l => l >= low && l < high);
            var label = low == double.MinValue ? $"< {high}" : high == double.MaxValue ? $">= {low}" : $"{low}-{high}";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,8}: {n,6} {new string('#', lateness.Count == 0 ? 0 : (int)Math.Ceiling(60.0 * n / lateness.Count))}"));
        }

        if (args.Text("json", "") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, report.ToJsonString());
        }

        return 0;
    }
}
