// rate: the load generator; open loop at a fixed rate (each send at its scheduled time, timed from then), or closed loop for warm-ups.
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsJit.SlackBench;

internal static class RateCommand
{
    private sealed record Outcome(int Status, double Ms, bool Ok, bool Late, string? Failure);

    public static async Task<int> RunAsync(Args args)
    {
        var url = new Uri(args.Text("url"));
        var lines = File.ReadAllLines(args.Text("file"));
        var (rate, count) = (args.Number("rate", 0), args.Number("count", lines.Length));
        var (kind, marker) = (args.Text("kind", "slack"), args.Text("marker", ""));
        if (count > lines.Length)
        {
            throw new ArgumentException($"--count {count} but the file holds {lines.Length} requests");
        }

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = int.MaxValue }) { Timeout = TimeSpan.FromSeconds(30) };
        // A few connections opened first, as wrk opens its own before timing, so the first sends do not pay for a handshake.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => http.GetAsync(url)));

        var workers = args.Number("concurrency", 0);
        var start = Stopwatch.GetTimestamp();
        var (outcomes, worstLag) = workers > 0 ? (await ClosedLoopAsync(http, url, kind, lines[..count], marker, workers), 0L)
            : OpenLoop(http, url, kind, lines[..count], marker, rate);
        var window = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var done = await Task.WhenAll(outcomes);
        var total = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var answered = done.Where(o => o.Failure is null).Select(o => o.Ms).Order().ToArray();
        double Percentile(double p) => answered.Length == 0 ? double.NaN : answered[Math.Min(answered.Length - 1, (int)Math.Ceiling(p / 100 * answered.Length) - 1)];
        var report = new JsonObject
        {
            ["sent"] = count,
            ["targetRate"] = rate,
            ["achievedRate"] = Math.Round(count / window, 1),
            ["completedRate"] = Math.Round(done.Count(o => o.Ok) / total, 1),
            ["ok"] = done.Count(o => o.Ok),
            ["non200"] = done.Count(o => o.Failure is null && o.Status != 200),
            ["refused"] = done.Count(o => o.Status == 200 && !o.Ok),
            ["late"] = done.Count(o => o.Late),
            ["failed"] = done.Count(o => o.Failure is not null),
            ["p50"] = Math.Round(Percentile(50), 2),
            ["p90"] = Math.Round(Percentile(90), 2),
            ["p99"] = Math.Round(Percentile(99), 2),
            ["max"] = Math.Round(answered.LastOrDefault(), 2),
            ["worstSendLagMs"] = Math.Round(worstLag * 1000.0 / Stopwatch.Frequency, 2),
        };
        foreach (var failure in done.Select(o => o.Failure).OfType<string>().Distinct().Take(3))
        {
            Console.Error.WriteLine($"failure: {failure}");
        }

        Console.WriteLine(FormattableString.Invariant(
            $"{count} sent at {report["achievedRate"]}/s ({(rate > 0 ? $"target {rate}/s" : "closed loop")}): {report["ok"]} ok, {report["non200"]} non-200, {report["refused"]} refused, {report["late"]} late acks, {report["failed"]} failed; latency ms p50 {report["p50"]} p90 {report["p90"]} p99 {report["p99"]} max {report["max"]}; generator lag max {report["worstSendLagMs"]} ms"));
        if (args.Text("json", "") is { Length: > 0 } json)
        {
            File.WriteAllText(json, report.ToJsonString());
        }

        return 0;
    }

    /// <summary>Request i leaves at start + i/rate, from a thread of its own, whether or not earlier ones were answered.</summary>
    private static (Task<Outcome>[] Outcomes, long WorstLag) OpenLoop(HttpClient http, Uri url, string kind, string[] lines, string marker, int rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        var outcomes = new Task<Outcome>[lines.Length];
        var interval = Stopwatch.Frequency / (double)rate;
        var start = Stopwatch.GetTimestamp();
        long worstLag = 0;
        var loop = new Thread(() =>
        {
            for (var i = 0; i < lines.Length; i++)
            {
                var due = start + (long)(i * interval);
                long now;
                while ((now = Stopwatch.GetTimestamp()) < due)
                {
                    // Sleeping, not spinning: a spinning generator would take a core from the server on a 2-core machine.
                    // A late wake-up is charged to the request, since its latency counts from the scheduled time.
                    Thread.Sleep(1);
                }

                worstLag = Math.Max(worstLag, now - due);
                var (line, scheduled) = (lines[i], due);
                outcomes[i] = Task.Run(() => SendAsync(http, url, kind, line, marker, scheduled));
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        loop.Start();
        loop.Join();
        return (outcomes, worstLag);
    }

    /// <summary>The warm-up's closed loop: that many requests in flight, each sent when the one before it was answered.</summary>
    private static async Task<Task<Outcome>[]> ClosedLoopAsync(HttpClient http, Uri url, string kind, string[] lines, string marker, int workers)
    {
        var outcomes = new Task<Outcome>[lines.Length];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (int i; (i = Interlocked.Increment(ref next)) < lines.Length;)
            {
                outcomes[i] = Task.FromResult(await SendAsync(http, url, kind, lines[i], marker, Stopwatch.GetTimestamp()));
            }
        })));
        return outcomes;
    }

    private static async Task<Outcome> SendAsync(HttpClient http, Uri url, string kind, string line, string marker, long scheduled)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (kind == "console")
        {
            request.Content = new StringContent(line, Encoding.UTF8, "application/json");
        }
        else
        {
            var parts = line.Split('\t', 3);
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(parts[2]));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            request.Headers.Add("X-Slack-Request-Timestamp", parts[0]);
            request.Headers.Add("X-Slack-Signature", parts[1]);
        }

        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var ms = Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds;
            var status = (int)response.StatusCode;
            return new Outcome(status, ms, status == 200 && body.Contains(marker, StringComparison.Ordinal), body.Contains("Working on it", StringComparison.Ordinal), null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Outcome(0, Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds, false, false, e.GetType().Name + ": " + e.Message);
        }
    }
}
