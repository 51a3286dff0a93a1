using ChatOpsJit.Cli.Commands;

// chatopsjit: the operator's command line. Each command group lives in its own file under Commands/.
return args switch
{
    ["policy", .. var rest] => PolicyCommands.Run(rest, Console.In, Console.Out, Console.Error),
    ["requests", .. var rest] => RequestCommands.Run(rest, Console.Out, Console.Error),
    ["audit", .. var rest] => AuditCommands.Run(rest, Console.Out, Console.Error),
    _ => Usage.Print(Console.Error),
};
