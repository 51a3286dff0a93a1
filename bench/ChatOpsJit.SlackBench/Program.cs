// Entry point of the Slack benchmark tool: one subcommand per step of bench/slack/run.sh.
using ChatOpsJit.SlackBench;

try
{
    return args switch
    {
        ["prepare", .. var rest] => BenchData.Write(new Args(rest)),
        ["standin", .. var rest] => await StandInCommand.RunAsync(new Args(rest)),
        ["requests", .. var rest] => RequestFiles.Write(new Args(rest)),
        ["rate", .. var rest] => await RateCommand.RunAsync(new Args(rest)),
        ["count", .. var rest] => await CountCommand.RunAsync(new Args(rest)),
        ["expiry", .. var rest] => await ExpiryCommand.RunAsync(new Args(rest)),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: ChatOpsJit.SlackBench <command> [--name value ...]
          prepare  --dir D [--nodes 5000] [--users 500] [--approvers 5] [--auto-approve yes]
                   nodes.yaml, directory.yaml, policies/ under D (auto-approve: requesters are granted at once)
          standin  --port P --users-file F [--users 500] [--approvers 5] [--bot-token xoxb-…]
                   Slack stand-in; writes F (slack id, email per line) once up; GET :P/calls, :P/api-base-url; runs until killed
          requests --dir D --count N --secret S --users-file F [--offset K] [--nodes 5000] [--kind slack|console] [--out NAME]
                   N distinct user×node requests from pair K on, signed now, one per line (ts TAB signature TAB form; or JSON)
          rate     --url U --file F (--rate R | --concurrency C) [--count N] [--kind slack|console] [--marker TEXT] [--json OUT]
                   open loop: one request every 1/R s whatever the answers, latency from each send's scheduled time;
                   or closed loop: C requests in flight. An answer is ok when it is 200 and holds TEXT
          count    --db PATH [--by state]                                    rows in access_requests, by platform (or state)
          expiry   --db PATH --count N [--timeout 600] [--json OUT]
                   waits for N withdrawn grants and a drained outbox; prints the withdrawals' lateness after each window's end
        """);
    return 2;
}
