// requests: N distinct user×node /access requests, Slack-signed now (or console JSON), one per line for wrk and rate.
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsJit.Testing.Slack;

namespace ChatOpsJit.SlackBench;

internal static class RequestFiles
{
    public static int Write(Args args)
    {
        var (dir, count, offset) = (args.Text("dir"), args.Number("count"), args.Number("offset", 0));
        var nodes = args.Number("nodes", 5000);
        var kind = args.Text("kind", "slack");
        var users = ReadUsers(args.Text("users-file"));
        var secret = kind == "slack" ? args.Text("secret") : "";

        // Only a late ack ("Working on it…") posts to it; run.sh points it at the stand-in, never at Slack.
        var responseBase = args.Text("response-base", "https://hooks.slack.com/commands/T0TEST/");
        if ((long)offset + count > (long)nodes * users.Count)
        {
            throw new ArgumentException($"pairs {offset}..{offset + count} run past {nodes} nodes × {users.Count} users");
        }

        var path = Path.Combine(dir, args.Text("out", $"{kind}-{offset}-{count}.txt"));
        var now = TimeProvider.System.GetUtcNow();
        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        for (var k = offset; k < offset + count; k++)
        {
            // Pair k: user k mod U on node k div U, so consecutive requests come from different people.
            var (slackId, email) = users[k % users.Count];
            var text = string.Create(CultureInfo.InvariantCulture, $"{BenchData.NodeName(k / users.Count + 1)} bench load request {k}");
            if (kind == "console")
            {
                file.Write(new JsonObject { ["user"] = email, ["text"] = "/access " + text }.ToJsonString());
            }
            else
            {
                var fields = SlackPayloads.SlashCommand(slackId, text, $"{responseBase}{k}", $"{k}.47445629121.bench", "C0BENCHCMD");
                var body = SlackRequestSigner.FormBody(fields);
                var (timestamp, signature) = SlackRequestSigner.Sign(secret, body, now);
                file.Write($"{timestamp}\t{signature}\t{body}");
            }

            file.Write('\n');
        }

        Console.WriteLine(path);
        return 0;
    }

    private static List<(string SlackId, string Email)> ReadUsers(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => l.Split('\t')).Select(p => (p[0], p[1])).ToList();
}
