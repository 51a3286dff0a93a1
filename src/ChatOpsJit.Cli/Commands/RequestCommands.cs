using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Storage.Sqlite;

namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit requests list [--state S]`: the newest requests, one line each.</summary>
public static class RequestCommands
{
    public static int Run(string[] args, TextWriter output, TextWriter error) => RunAsync(args, output, error).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "list")
        {
            error.WriteLine("usage: chatopsjit requests list [--state STATE] [--limit N] [--db FILE | --connection-string CS]");
            return Usage.BadInput;
        }

        AccessRequestState? state = null;
        if (StoreArgs.Option(args, "--state") is { } text)
        {
            if (!Enum.TryParse<AccessRequestState>(text, ignoreCase: true, out var parsed) || int.TryParse(text, out _))
            {
                error.WriteLine($"error: unknown state '{text}' (one of {string.Join(", ", Enum.GetNames<AccessRequestState>())})");
                return Usage.BadInput;
            }

            state = parsed;
        }

        var limit = int.TryParse(StoreArgs.Option(args, "--limit"), out var n) && n > 0 ? n : 100;
        var (database, problem) = await StoreArgs.OpenAsync(args[1..]);
        if (database is null)
        {
            error.WriteLine(problem);
            return Usage.BadInput;
        }

        var requests = await new SqliteAccessRequestStore(database).ListAsync(new RequestQuery(State: state, Limit: limit));
        output.WriteLine($"{"ID",-12} {"STATE",-10} {"REQUESTER",-24} {"NODE",-22} {"ASKED",-20} REASON");
        foreach (var r in requests)
        {
            output.WriteLine($"{r.Id,-12} {r.State,-10} {r.RequesterEmail,-24} {r.NodeName,-22} {RequestCards.When(r.CreatedAt),-20} {OneLine(r.Reason)}");
        }

        output.WriteLine($"{requests.Count} request(s)");
        return 0;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
