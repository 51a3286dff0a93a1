using ChatOpsJit.Cli.Commands;
using ChatOpsJit.Cli.Options;

namespace ChatOpsJit.Cli;

/// <summary>The chatopsjit command line as a function of its arguments and streams, so tests run exactly what a shell runs.</summary>
public static class ChatOpsJitCli
{
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error) => args switch
    {
        [] => Usage.Print(error),
        ["--help" or "-h" or "help"] => Help(output),
        ["help", .. var command] => Help(string.Join(' ', command), output, error),
        ["policy", .. var rest] => PolicyCommands.Run(rest, input, output, error),
        ["requests", .. var rest] => RequestCommands.Run(rest, output, error),
        ["audit", .. var rest] => AuditCommands.Run(rest, output, error),
        ["teams", .. var rest] => TeamsCommands.Run(rest, output, error),
        [var other, ..] => Unknown(other, error),
    };

    private static int Help(TextWriter output)
    {
        output.Write(Usage.Overview());
        return 0;
    }

    // `chatopsjit help policy validate` is `chatopsjit policy validate --help`.
    private static int Help(string command, TextWriter output, TextWriter error)
    {
        if (Usage.Commands.FirstOrDefault(c => c.Name == command) is not { } spec)
        {
            return Unknown(command, error);
        }

        output.Write(CommandHelp.Format(spec));
        return 0;
    }

    private static int Unknown(string command, TextWriter error)
    {
        error.WriteLine($"error: unknown command '{command}'; see 'chatopsjit --help'");
        return CliCommand.BadInput;
    }
}
