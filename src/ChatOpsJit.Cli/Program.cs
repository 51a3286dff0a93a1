using ChatOpsJit.Cli;

// chatopsjit: the operator's command line. Each command lives in its own file under Commands/.
return ChatOpsJitCli.Run(args, Console.In, Console.Out, Console.Error);
