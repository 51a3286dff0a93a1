// standin: the Slack Web API stand-in with the bench users, and a small control endpoint that counts its calls.
using System.Runtime.InteropServices;
using System.Text.Json;
using ChatOpsJit.Testing.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsJit.SlackBench;

internal static class StandInCommand
{
    public static async Task<int> RunAsync(Args args)
    {
        var (port, usersFile) = (args.Number("port"), args.Text("users-file"));
        var (users, approvers) = (args.Number("users", 500), args.Number("approvers", 5));
        await using var slack = await SlackStandIn.StartAsync(new SlackStandInOptions { BotToken = args.Text("bot-token") });
        slack.AddChannel(BenchData.ApprovalChannel);
        var lines = new List<string>();
        for (var i = 1; i <= users; i++)
        {
            var user = slack.AddUser(BenchData.UserEmail(i), $"user{i:D4}", $"Bench User {i:D4}");
            lines.Add($"{user.Id}\t{user.Email}");
        }

        for (var i = 1; i <= approvers; i++)
        {
            slack.AddUser(BenchData.ApproverEmail(i), $"approver{i:D2}", $"Bench Approver {i:D2}");
        }

        // The stand-in picks its own port; this one answers what run.sh needs to know about it.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        await using var control = builder.Build();
        control.MapGet("/api-base-url", () => slack.ApiBaseUrl);
        control.MapGet("/calls", () => Counts(slack));
        await control.StartAsync();

        // Written last and renamed into place: its presence says everything is up.
        File.WriteAllLines(usersFile + ".tmp", lines);
        File.Move(usersFile + ".tmp", usersFile, overwrite: true);
        Console.WriteLine($"Slack stand-in at {slack.ApiBaseUrl} with {users + approvers} users; calls at http://127.0.0.1:{port}/calls");

        var stop = new TaskCompletionSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        await stop.Task;
        Console.WriteLine($"Slack stand-in stopping; calls: {JsonSerializer.Serialize(Counts(slack))}");
        await control.StopAsync();
        return 0;
    }

    private static SortedDictionary<string, int> Counts(SlackStandIn slack)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["users.info"] = 0 };
        foreach (var call in slack.Calls)
        {
            counts[call.Method] = counts.GetValueOrDefault(call.Method) + 1;
        }

        return counts;
    }
}
