using ChatOpsJit.Cli.Options;
using ChatOpsJit.Core.Notifications;
using ChatOpsJit.Core.Ports;
using ChatOpsJit.Core.Requests;
using ChatOpsJit.Storage.Sqlite;

namespace ChatOpsJit.Cli.Commands;

/// <summary>`chatopsjit requests list [--state S]`: the newest requests, one line each.</summary>
public static class RequestCommands
{
    public const int MaxLimit = 10_000;

    public static readonly CommandSpec ListSpec = new(
        "requests list",
        "Lists the newest access requests, one line each, read-only.",
        ["requests list [--state STATE] [--limit N] [--db FILE | --connection-string CS]"],
        [
            new("state", "STATE", $"only requests in this state ({string.Join(", ", Enum.GetNames<AccessRequestState>().Select(n => n.ToLowerInvariant()))})"),
            new("limit", "N", $"at most N requests, newest first (1 to {MaxLimit}, default 100)"),
            .. StoreArgs.Options,
        ])
    {
        Details = $"exit status: 0 listed, 1 bad input or no database.\n{StoreArgs.Help}",
        Examples = ["chatopsjit requests list --state pending --db data/chatopsjit.db"],
    };

    public static int Run(string[] args, TextWriter output, TextWriter error) => RunAsync(args, output, error).GetAwaiter().GetResult();

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) => args switch
    {
        ["list", .. var rest] => CliCommand.RunAsync(ListSpec, rest, output, error, o => ListAsync(o, output, error)),
        _ => Task.FromResult(Usage.Group("requests", args, output, error)),
    };

    private static async Task<int> ListAsync(ParsedOptions o, TextWriter output, TextWriter error)
    {
        var state = o.Enum<AccessRequestState>("state");
        var limit = o.Int("limit", fallback: 100, min: 1, max: MaxLimit);
        var (database, problem) = await StoreArgs.OpenAsync(o);
        if (database is null)
        {
            error.WriteLine(problem);
            return CliCommand.BadInput;
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
